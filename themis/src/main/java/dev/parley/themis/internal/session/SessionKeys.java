package dev.parley.themis.internal.session;

import dev.parley.themis.internal.kdf.SoterKdf;
import dev.parley.themis.internal.sym.HmacSha256;
import dev.parley.themis.internal.util.Bytes;

/**
 * Everything Secure Session derives from the handshake (wire-format guide 5.3).
 *
 * <pre>
 * SID = KDF(implicit key, "Themis secure session unique identifier", E_c, E_s, ID_c, ID_s, 4)
 * MK  = KDF(Z, "Themis secure session master key", SID, 32)        Z = ECDH x-coordinate
 * K_c = KDF(MK, "Themis secure session client key", SID, 32)       K_s likewise with "server"
 * N_c = LE32(KDF(MK, "Themis secure session client initial sequence number", SID, 4))
 * wire SID = SID byte-reversed (what data messages carry in bytes 0..4)
 * </pre>
 *
 * <p>An instance holds the data keys of one established session; it is immutable and its arrays are
 * never handed out except through the accessors used by tests and {@link DataChannel}.
 */
public final class SessionKeys {
    public static final int SESSION_ID_LENGTH = 4;
    public static final int KEY_LENGTH = 32;

    static final String SESSION_ID_LABEL = "Themis secure session unique identifier";
    static final String MASTER_KEY_LABEL = "Themis secure session master key";
    static final String CLIENT_KEY_LABEL = "Themis secure session client key";
    static final String SERVER_KEY_LABEL = "Themis secure session server key";
    static final String CLIENT_SEQ_LABEL = "Themis secure session client initial sequence number";
    static final String SERVER_SEQ_LABEL = "Themis secure session server initial sequence number";

    private final byte[] sessionId;
    private final byte[] clientKey;
    private final byte[] serverKey;
    private final int clientInitialSeq;
    private final int serverInitialSeq;

    private SessionKeys(
            byte[] sessionId, byte[] clientKey, byte[] serverKey, int clientSeq, int serverSeq) {
        this.sessionId = sessionId;
        this.clientKey = clientKey;
        this.serverKey = serverKey;
        this.clientInitialSeq = clientSeq;
        this.serverInitialSeq = serverSeq;
    }

    /** The 4 raw KDF bytes of the session id (public: computed from public data only). */
    public static byte[] sessionId(
            byte[] clientEphemeral, byte[] serverEphemeral, byte[] clientId, byte[] serverId) {
        return SoterKdf.deriveWithImplicitKey(
                SESSION_ID_LABEL,
                SESSION_ID_LENGTH,
                clientEphemeral,
                serverEphemeral,
                clientId,
                serverId);
    }

    public static byte[] masterKey(byte[] sharedSecret, byte[] sessionId) {
        return SoterKdf.derive(sharedSecret, MASTER_KEY_LABEL, KEY_LENGTH, sessionId);
    }

    /** The key-confirmation MAC: m3 carries it over {@code E_s}, m4 over {@code E_c}. */
    public static byte[] confirmationMac(byte[] masterKey, byte[] ephemeralKey, byte[] sessionId) {
        return HmacSha256.compute(masterKey, ephemeralKey, sessionId);
    }

    /** Data keys and initial sequence numbers from the master key. */
    public static SessionKeys derive(byte[] masterKey, byte[] sessionId) {
        byte[] clientKey = SoterKdf.derive(masterKey, CLIENT_KEY_LABEL, KEY_LENGTH, sessionId);
        byte[] serverKey = SoterKdf.derive(masterKey, SERVER_KEY_LABEL, KEY_LENGTH, sessionId);
        int clientSeq =
                (int) Bytes.readLe32(SoterKdf.derive(masterKey, CLIENT_SEQ_LABEL, 4, sessionId), 0);
        int serverSeq =
                (int) Bytes.readLe32(SoterKdf.derive(masterKey, SERVER_SEQ_LABEL, 4, sessionId), 0);
        return new SessionKeys(sessionId.clone(), clientKey, serverKey, clientSeq, serverSeq);
    }

    /** The session id as data messages carry it: the KDF bytes reversed, read big-endian. */
    public static int wireSessionId(byte[] sessionId) {
        return (sessionId[0] & 0xFF)
                | ((sessionId[1] & 0xFF) << 8)
                | ((sessionId[2] & 0xFF) << 16)
                | ((sessionId[3] & 0xFF) << 24);
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public int wireSessionId() {
        return wireSessionId(sessionId);
    }

    public byte[] clientKey() {
        return clientKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** N_c as an unsigned 32-bit value held in an int. */
    public int clientInitialSeq() {
        return clientInitialSeq;
    }

    public int serverInitialSeq() {
        return serverInitialSeq;
    }

    /** The data channel of one side: the client sends with K_c, the server with K_s. */
    public DataChannel channel(boolean client, java.time.Clock clock, boolean strictReplay) {
        return client
                ? new DataChannel(
                        wireSessionId(),
                        clientKey,
                        clientInitialSeq,
                        serverKey,
                        serverInitialSeq,
                        clock,
                        strictReplay)
                : new DataChannel(
                        wireSessionId(),
                        serverKey,
                        serverInitialSeq,
                        clientKey,
                        clientInitialSeq,
                        clock,
                        strictReplay);
    }

    @Override
    public String toString() {
        return "SessionKeys[redacted]";
    }
}
