package dev.parley.themis.internal.session;

import dev.parley.themis.SecureSessionException;
import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.session.NegotiationMessages.ClientFinish;
import dev.parley.themis.internal.session.NegotiationMessages.Hello;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The four Secure Session handshake steps (wire-format guide 5.4), as pure functions: each verifies
 * its input completely and only then returns the reply and what the next step needs, so a caller
 * that stores the result only on success never changes state on a bad message.
 *
 * <pre>
 * client                                              server
 *   clientHello         m1: ID_c, E_c, Sign_c(E_c)  -->
 *                                                   serverOnClientHello: verify, sign
 *   <-- m2: ID_s, E_s, Sign_s(E_s||E_c||ID_s||ID_c)
 *   clientOnServerHello: verify, SID, ECDH, MK, sign, MAC
 *       m3: Sign_c(E_c||E_s||ID_c||ID_s), HMAC(MK, E_s||SID)  -->
 *                                                   serverOnClientFinish: verify, SID, ECDH,
 *                                                   MK, check MAC, keys: established
 *   <-- m4: HMAC(MK, E_c||SID)
 *   clientOnServerFinish: check MAC, keys: established
 * </pre>
 *
 * Signatures cover the raw 45-byte ephemeral key containers and the raw ids, no length prefixes.
 * m1's signature covers only {@code E_c}, so an m1 can be replayed; the client is authenticated
 * only by m3.
 */
public final class Handshake {
    private Handshake() {}

    /** Client, after m2 was accepted: m3 to send and the secrets to check m4. */
    public record ClientPending(byte[] clientFinish, byte[] sessionId, byte[] masterKey) {
        @Override
        public String toString() {
            return "ClientPending[redacted]";
        }
    }

    /** Server, after m3 was accepted: m4 to send and the session's keys. */
    public record ServerDone(byte[] serverFinish, SessionKeys keys) {}

    /** m1. */
    public static byte[] clientHello(
            byte[] clientId, BigInteger clientKey, EphemeralKey ephemeral) {
        return NegotiationMessages.buildHello(
                clientId, ephemeral.container(), P256.sign(clientKey, ephemeral.container()));
    }

    /** Server: verifies m1 with the client's long-term key and builds m2. */
    public static byte[] serverOnClientHello(
            Hello m1,
            ECPoint clientKey,
            byte[] serverId,
            BigInteger serverKey,
            EphemeralKey ephemeral)
            throws SecureSessionException {
        if (!P256.verify(clientKey, m1.signature(), m1.ephemeralKey())) {
            throw new SecureSessionException("client hello signature does not verify");
        }
        byte[] signature =
                P256.sign(serverKey, ephemeral.container(), m1.ephemeralKey(), serverId, m1.id());
        return NegotiationMessages.buildHello(serverId, ephemeral.container(), signature);
    }

    /** Client: verifies m2 with the server's long-term key, agrees the master key, builds m3. */
    public static ClientPending clientOnServerHello(
            Hello m2,
            ECPoint serverKey,
            byte[] clientId,
            BigInteger clientKey,
            EphemeralKey ephemeral)
            throws SecureSessionException {
        byte[] ownEphemeral = ephemeral.container();
        if (!P256.verify(
                serverKey, m2.signature(), m2.ephemeralKey(), ownEphemeral, m2.id(), clientId)) {
            throw new SecureSessionException("server hello signature does not verify");
        }
        byte[] sessionId =
                SessionKeys.sessionId(ownEphemeral, m2.ephemeralKey(), clientId, m2.id());
        byte[] masterKey = masterKey(ephemeral, m2.ephemeralPoint(), sessionId);
        byte[] signature = P256.sign(clientKey, ownEphemeral, m2.ephemeralKey(), clientId, m2.id());
        byte[] mac = SessionKeys.confirmationMac(masterKey, m2.ephemeralKey(), sessionId);
        return new ClientPending(
                NegotiationMessages.buildClientFinish(signature, mac), sessionId, masterKey);
    }

    /** Server: verifies m3 (signature, then MAC) and derives the session keys; builds m4. */
    public static ServerDone serverOnClientFinish(
            ClientFinish m3, Hello m1, ECPoint clientKey, byte[] serverId, EphemeralKey ephemeral)
            throws SecureSessionException {
        byte[] ownEphemeral = ephemeral.container();
        if (!P256.verify(
                clientKey, m3.signature(), m1.ephemeralKey(), ownEphemeral, m1.id(), serverId)) {
            throw new SecureSessionException("client finish signature does not verify");
        }
        byte[] sessionId =
                SessionKeys.sessionId(m1.ephemeralKey(), ownEphemeral, m1.id(), serverId);
        byte[] masterKey = masterKey(ephemeral, m1.ephemeralPoint(), sessionId);
        try {
            byte[] expected = SessionKeys.confirmationMac(masterKey, ownEphemeral, sessionId);
            if (!MessageDigest.isEqual(expected, m3.mac())) {
                throw new SecureSessionException("client finish MAC does not verify");
            }
            byte[] reply =
                    NegotiationMessages.buildServerFinish(
                            SessionKeys.confirmationMac(masterKey, m1.ephemeralKey(), sessionId));
            return new ServerDone(reply, SessionKeys.derive(masterKey, sessionId));
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    /** Client: checks m4's MAC (exactly 32 bytes, constant time) and derives the session keys. */
    public static SessionKeys clientOnServerFinish(
            byte[] mac, ClientPending pending, EphemeralKey ephemeral)
            throws SecureSessionException {
        byte[] expected =
                SessionKeys.confirmationMac(
                        pending.masterKey(), ephemeral.container(), pending.sessionId());
        if (mac.length != expected.length || !MessageDigest.isEqual(expected, mac)) {
            throw new SecureSessionException("server finish MAC does not verify");
        }
        return SessionKeys.derive(pending.masterKey(), pending.sessionId());
    }

    private static byte[] masterKey(EphemeralKey own, ECPoint peer, byte[] sessionId)
            throws SecureSessionException {
        byte[] shared;
        try {
            shared = P256.agree(own.scalar(), peer);
        } catch (IllegalArgumentException e) {
            throw new SecureSessionException("key agreement failed");
        }
        try {
            return SessionKeys.masterKey(shared, sessionId);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }
}
