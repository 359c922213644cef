package dev.parley.themis.fuzz;

import static dev.parley.themis.fuzz.FuzzFixtures.CLIENT_ID;
import static dev.parley.themis.fuzz.FuzzFixtures.CLIENT_PRIVATE;
import static dev.parley.themis.fuzz.FuzzFixtures.CLIENT_RESOLVER;
import static dev.parley.themis.fuzz.FuzzFixtures.SERVER_ID;
import static dev.parley.themis.fuzz.FuzzFixtures.SERVER_PRIVATE;
import static dev.parley.themis.fuzz.FuzzFixtures.SERVER_RESOLVER;

import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;

/**
 * Real Secure Sessions between the transcript parties, stopped at the step a target fuzzes. A
 * failed {@code unwrap} leaves a session unchanged (its contract), so one session serves every
 * input of a run; a target that sees a success reports it as a finding before reusing it.
 */
final class SessionHandshakes {
    private SessionHandshakes() {}

    static SecureSession freshServer() {
        return SecureSession.create(SERVER_ID, SERVER_PRIVATE, SERVER_RESOLVER);
    }

    static SecureSession freshClient() {
        return SecureSession.create(CLIENT_ID, CLIENT_PRIVATE, CLIENT_RESOLVER);
    }

    /** A client that sent m1 and waits for m2. */
    static SecureSession clientAwaitingServerHello() {
        SecureSession client = freshClient();
        client.connectRequest();
        return client;
    }

    /** A server that answered a real m1 and waits for m3. */
    static SecureSession serverAwaitingClientFinish() {
        SecureSession server = freshServer();
        protocolData(server, freshClient().connectRequest());
        return server;
    }

    /** A client that sent m3 after a real m2 and waits for m4. */
    static SecureSession clientAwaitingServerFinish() {
        SecureSession client = freshClient();
        SecureSession server = freshServer();
        byte[] m2 = protocolData(server, client.connectRequest());
        protocolData(client, m2);
        return client;
    }

    /** The four messages of a real handshake (for seeds). */
    static byte[][] transcript() {
        SecureSession client = freshClient();
        SecureSession server = freshServer();
        byte[] m1 = client.connectRequest();
        byte[] m2 = protocolData(server, m1);
        byte[] m3 = protocolData(client, m2);
        byte[] m4 = protocolData(server, m3);
        try {
            client.unwrap(m4);
        } catch (SecureSessionException e) {
            throw new IllegalStateException("real handshake failed", e);
        }
        return new byte[][] {m1, m2, m3, m4};
    }

    private static byte[] protocolData(SecureSession session, byte[] message) {
        try {
            UnwrapResult r = session.unwrap(message);
            if (r.type() != UnwrapResult.Type.PROTOCOL_DATA) {
                throw new IllegalStateException("expected handshake output, got " + r);
            }
            return r.data();
        } catch (SecureSessionException e) {
            throw new IllegalStateException("real handshake failed", e);
        }
    }
}
