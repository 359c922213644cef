package dev.parley.client.internal.core;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.EventCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerEvent;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The client side of one v2 connection, free of I/O: frames in, frames and events out.
 *
 * <pre>
 *   client                                   server
 *   binary UTF-8 "name:base64(public key)" ──▶
 *   binary Secure Session connect request ──▶
 *                                      ◀──   binary handshake reply
 *   binary handshake finish             ──▶
 *                                      ◀──   binary handshake finish  (established)
 *                                      ◀──   binary wrap(JSON welcome), events...
 *   binary wrap(JSON client event)      ──▶
 * </pre>
 *
 * The server's Secure Session id is {@code server}; the resolver returns the pinned server key for
 * that id only, so any other peer fails the handshake.
 *
 * <p>Not thread-safe: one instance per socket, driven from one thread at a time.
 */
public final class SessionDriver {
    public static final byte[] SERVER_ID = "server".getBytes(StandardCharsets.UTF_8);

    /** Where the driver's output goes (the transport, in tests a fake). */
    public interface Output {
        void sendBinary(byte[] data);
    }

    private final String name;
    private final KeyPair identity;
    private final SecureSession session;
    private final EventCodec codec = new EventCodec();
    private final Output output;
    private boolean started;

    public SessionDriver(String name, KeyPair identity, PublicKey serverKey, Output output) {
        this.name = Objects.requireNonNull(name, "name");
        this.identity = Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(serverKey, "serverKey");
        this.output = Objects.requireNonNull(output, "output");
        this.session =
                SecureSession.create(
                        name.getBytes(StandardCharsets.UTF_8),
                        identity.privateKey(),
                        peerId -> Arrays.equals(peerId, SERVER_ID) ? serverKey : null);
    }

    /** Sends the hello frame and the connect request. */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        // v2 sends the hello of v1 ("name:base64 key") as UTF-8 in a binary frame
        output.sendBinary(
                (name
                                + ":"
                                + Base64.getEncoder()
                                        .encodeToString(identity.publicKey().toByteArray()))
                        .getBytes(StandardCharsets.UTF_8));
        output.sendBinary(session.connectRequest());
    }

    public boolean isEstablished() {
        return session.isEstablished();
    }

    /**
     * Processes one binary frame from the server.
     *
     * @return the event it carried, or null for a handshake message
     * @throws SecureSessionException if the handshake fails (e.g. the server is not the pinned key)
     *     or a message is not authentic or replayed
     * @throws ProtocolException if an authentic message is not a valid server event
     */
    public ServerEvent onBinary(byte[] frame) throws SecureSessionException, ProtocolException {
        if (!started) {
            throw new IllegalStateException("not started");
        }
        boolean wasEstablished = session.isEstablished();
        UnwrapResult r = session.unwrap(frame);
        switch (r.type()) {
            case PROTOCOL_DATA:
                if (wasEstablished) {
                    throw new SecureSessionException("handshake message after establishment");
                }
                output.sendBinary(r.data());
                return null;
            case NO_DATA:
                return null;
            case USER_DATA:
                if (!wasEstablished) {
                    throw new SecureSessionException("data before the handshake finished");
                }
                return codec.decodeServerEvent(r.data());
            default:
                throw new AssertionError(r.type());
        }
    }

    /** Wraps and sends {@code event}. @throws IllegalStateException before establishment */
    public void send(ClientEvent event) {
        if (!session.isEstablished()) {
            throw new IllegalStateException("session not established");
        }
        output.sendBinary(session.wrap(codec.encode(event)));
    }
}
