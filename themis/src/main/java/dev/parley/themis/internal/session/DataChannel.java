package dev.parley.themis.internal.session;

import dev.parley.themis.SecureSessionException;
import dev.parley.themis.internal.sym.AesGcm;
import dev.parley.themis.internal.util.Bytes;
import dev.parley.themis.internal.util.Csprng;
import java.time.Clock;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secure Session data messages of one established session (wire-format guide 5.6).
 *
 * <pre>
 *  0        4                 16       20                        36 + |m|       52 + |m|
 *  +--------+-----------------+--------+--------------------------+--------------+
 *  | wire   | GCM nonce       | unused | AES-256-GCM ciphertext of| GCM tag      |
 *  | SID    | 12 bytes        | 4      | BE32(|m|+12) BE32(seq)   | 16 bytes     |
 *  | BE32   |                 |        | BE64(time) m             |              |
 *  +--------+-----------------+--------+--------------------------+--------------+
 *           |<---- IV field, 16 bytes ->|          no AAD
 * </pre>
 *
 * <p><b>Nonces.</b> Themis fills the IV with 16 random bytes per message. We send {@code salt(4) ||
 * BE64(counter)} as the 12-byte nonce, where {@code salt} is random per channel and {@code counter}
 * counts this channel's messages from 0, and zero in the unused 4 bytes. Each channel has its own
 * send key (fresh ECDH per session, distinct client and server keys), so the counter alone makes
 * every nonce unique under its key, with no birthday bound and no {@code SecureRandom} call per
 * message (which costs more than the encryption of a short message). Receivers, Themis included,
 * use only the first 12 bytes.
 *
 * <p><b>Receiving</b> decrypts and authenticates the whole frame first (one GCM call), then
 * requires the length field to match the frame exactly, the timestamp to be within ±{@value
 * #TIME_WINDOW_SECONDS} s of the clock and the sequence number to pass the {@link ReplayWindow}.
 * Bytes 16..20 are not authenticated (Themis ignores them) and trailing bytes after the tag are
 * rejected (Themis ignores those too; no honest sender writes them). On any failure nothing
 * changes.
 *
 * <p><b>Ciphers.</b> Each channel owns one JDK GCM {@link Cipher} per direction (a channel measured
 * ~2.2 KB of heap after its first wrap): re-initialising a Cipher under the key it already holds
 * skips the AES key expansion, while a thread-shared Cipher alternating between many sessions' keys
 * would redo it for every message (measured 4–5× slower for short messages).
 *
 * <p>Not thread-safe: one channel per connection, one thread at a time.
 */
public final class DataChannel {
    public static final int WIRE_SID_LENGTH = 4;
    public static final int IV_FIELD_LENGTH = 16;
    public static final int HEADER_LENGTH = 16;

    /** Bytes a data message adds to the plaintext: 4 + 16 + 16 + 16. */
    public static final int OVERHEAD =
            WIRE_SID_LENGTH + IV_FIELD_LENGTH + HEADER_LENGTH + AesGcm.TAG_LENGTH;

    public static final long TIME_WINDOW_SECONDS = 86_400;

    /** What the length field counts besides the message: the seq and time fields. */
    private static final int LENGTH_FIELD_EXTRA = 12;

    private static final int NONCE_OFFSET = WIRE_SID_LENGTH;
    private static final int CIPHERTEXT_OFFSET = WIRE_SID_LENGTH + IV_FIELD_LENGTH;

    /** Decrypt scratch kept per thread up to this size; larger messages get their own array. */
    private static final int SCRATCH_LIMIT = 64 * 1024 + HEADER_LENGTH;

    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[1024]);

    private final int wireSessionId;
    private final SecretKeySpec sendKey;
    private final SecretKeySpec receiveKey;

    /** One Cipher per direction keeps each AES key schedule warm (see {@link AesGcm#newCipher}). */
    private final Cipher sendCipher = AesGcm.newCipher();

    private final Cipher receiveCipher = AesGcm.newCipher();
    private final Clock clock;
    private final ReplayWindow window;
    private final byte[] header = new byte[HEADER_LENGTH];
    private final int nonceSalt = Csprng.get().nextInt();
    private long nonceCounter;
    private int sendSeq;

    /**
     * @param sendSeq the first sequence number to send (own N)
     * @param receiveSeq the peer's N
     */
    public DataChannel(
            int wireSessionId,
            byte[] sendKey,
            int sendSeq,
            byte[] receiveKey,
            int receiveSeq,
            Clock clock,
            boolean strictReplay) {
        this.wireSessionId = wireSessionId;
        this.sendKey = AesGcm.key(sendKey);
        this.receiveKey = AesGcm.key(receiveKey);
        this.sendSeq = sendSeq;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = new ReplayWindow(receiveSeq, strictReplay);
    }

    /** Encrypts one non-empty message into a new data message. */
    public byte[] wrap(byte[] message) {
        int len = message.length;
        if (len == 0) {
            throw new IllegalArgumentException("Secure Session cannot wrap an empty message");
        }
        if (len > Integer.MAX_VALUE - OVERHEAD) {
            throw new IllegalArgumentException("message too large to wrap");
        }
        if (nonceCounter == -1L) {
            throw new IllegalStateException("nonce space exhausted; open a new session");
        }
        byte[] out = new byte[len + OVERHEAD];
        Bytes.writeBe32(out, 0, wireSessionId);
        Bytes.writeBe32(out, NONCE_OFFSET, nonceSalt);
        Bytes.writeBe64(out, NONCE_OFFSET + 4, nonceCounter);
        Bytes.writeBe32(header, 0, len + LENGTH_FIELD_EXTRA);
        Bytes.writeBe32(header, 4, sendSeq);
        Bytes.writeBe64(header, 8, nowSeconds());
        AesGcm.encrypt(
                sendCipher,
                sendKey,
                out,
                NONCE_OFFSET,
                header,
                message,
                0,
                len,
                out,
                CIPHERTEXT_OFFSET);
        nonceCounter++;
        sendSeq++;
        return out;
    }

    /**
     * Authenticates and decrypts one data message.
     *
     * @throws dev.parley.themis.ReplayedMessageException if strict anti-replay rejects an authentic
     *     message
     * @throws SecureSessionException if the message is malformed, not authentic, not for this
     *     session, too old or new, or out of the sequence window
     */
    public byte[] unwrap(byte[] frame) throws SecureSessionException {
        if (frame.length <= OVERHEAD) {
            throw new SecureSessionException("data message too short");
        }
        if ((int) Bytes.readBe32(frame, 0) != wireSessionId) {
            throw new SecureSessionException("data message is not for this session");
        }
        int sealedLength = frame.length - CIPHERTEXT_OFFSET;
        int plainLength = sealedLength - AesGcm.TAG_LENGTH;
        byte[] plain = plainLength <= SCRATCH_LIMIT ? scratch(plainLength) : new byte[plainLength];
        try {
            AesGcm.decrypt(
                    receiveCipher,
                    receiveKey,
                    frame,
                    NONCE_OFFSET,
                    frame,
                    CIPHERTEXT_OFFSET,
                    sealedLength,
                    plain,
                    0);
        } catch (AEADBadTagException e) {
            throw new SecureSessionException("data message is not authentic");
        }
        int messageLength = plainLength - HEADER_LENGTH;
        if (Bytes.readBe32(plain, 0) != (long) messageLength + LENGTH_FIELD_EXTRA) {
            throw new SecureSessionException("data message length field does not match its size");
        }
        long time = Bytes.readBe64(plain, 8);
        long now = nowSeconds();
        if (time < now - TIME_WINDOW_SECONDS || time > now + TIME_WINDOW_SECONDS) {
            throw new SecureSessionException("data message timestamp is more than a day off");
        }
        int seq = (int) Bytes.readBe32(plain, 4);
        window.check(seq);
        window.accept(seq);
        byte[] message = new byte[messageLength];
        System.arraycopy(plain, HEADER_LENGTH, message, 0, messageLength);
        java.util.Arrays.fill(plain, 0, plainLength, (byte) 0);
        return message;
    }

    /** The next sequence number {@link #wrap} will use. */
    public int nextSendSeq() {
        return sendSeq;
    }

    /** The last accepted incoming sequence number (the peer's N before any). */
    public int lastReceivedSeq() {
        return window.lastAccepted();
    }

    private long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    private static byte[] scratch(int length) {
        byte[] s = SCRATCH.get();
        if (s.length < length) {
            s = new byte[Math.max(length, Math.min(SCRATCH_LIMIT, s.length * 2))];
            SCRATCH.set(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "DataChannel[redacted]";
    }
}
