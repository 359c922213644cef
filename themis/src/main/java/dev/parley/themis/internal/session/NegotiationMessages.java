package dev.parley.themis.internal.session;

import dev.parley.themis.SecureSessionException;
import dev.parley.themis.internal.container.ContainerFormatException;
import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.sym.HmacSha256;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The four Secure Session negotiation messages, all {@code TSPM} Soter containers.
 *
 * <pre>
 * m1 (client hello) and m2 (server hello) share one layout:
 *   +------+------+-----+-------------------------+------------------------+-------------+
 *   | TSPM | size | crc | TSID container { ID }   | UEC2 container (E)     | signature   |
 *   |  4   | BE32 | LE32| 12 + |ID| bytes         | 45 (or 77) bytes       | DER, rest   |
 *   +------+------+-----+-------------------------+------------------------+-------------+
 *   m1 signature: Sign_c(E_c)      m2 signature: Sign_s(E_s || E_c || ID_s || ID_c)
 *
 * m3 (client finish):
 *   +------+------+-----+------------------------------------+-----------------------+
 *   | TSPM | size | crc | Sign_c(E_c || E_s || ID_c || ID_s) | HMAC(MK, E_s || SID)  |
 *   |      |      |     | DER, payload minus the last 32     | last 32 bytes         |
 *   +------+------+-----+------------------------------------+-----------------------+
 *
 * m4 (server finish):
 *   +------+------+-----+-----------------------+
 *   | TSPM | size | crc | HMAC(MK, E_c || SID)  |
 *   |      |      |     | exactly 32 bytes      |
 *   +------+------+-----+-----------------------+
 * </pre>
 *
 * <p>Parsing is stricter than Themis: the outer container must fill the message exactly, inner
 * containers are bounds-checked and CRC-checked, the ephemeral key must be a valid P-256 point, and
 * the m4 payload must be exactly one MAC. Every parser throws {@link SecureSessionException} on the
 * first bad field and never anything else.
 */
public final class NegotiationMessages {
    public static final String MESSAGE_TAG = "TSPM";
    public static final String ID_TAG = "TSID";
    public static final String EPHEMERAL_KEY_TAG = "UEC2";
    public static final int MAC_LENGTH = HmacSha256.LENGTH;

    /** The longest DER ECDSA P-256 signature: SEQUENCE of two 33-byte INTEGERs. */
    public static final int MAX_SIGNATURE_LENGTH = 72;

    /** The shortest well-formed DER ECDSA signature (two one-byte INTEGERs). */
    public static final int MIN_SIGNATURE_LENGTH = 8;

    private NegotiationMessages() {}

    /** m1 or m2: who the sender is, its ephemeral key, and its signature. */
    public record Hello(byte[] id, byte[] ephemeralKey, ECPoint ephemeralPoint, byte[] signature) {}

    /** m3: the client's signature over the transcript and its key confirmation MAC. */
    public record ClientFinish(byte[] signature, byte[] mac) {}

    public static byte[] buildHello(byte[] id, byte[] ephemeralKey, byte[] signature) {
        byte[] idContainer = SoterContainer.build(ID_TAG, id);
        return buildMessage(idContainer, ephemeralKey, signature);
    }

    public static byte[] buildClientFinish(byte[] signature, byte[] mac) {
        return buildMessage(signature, mac);
    }

    public static byte[] buildServerFinish(byte[] mac) {
        return SoterContainer.build(MESSAGE_TAG, mac);
    }

    /** Parses m1 or m2. */
    public static Hello parseHello(byte[] message) throws SecureSessionException {
        SoterContainer outer = outer(message);
        int end = outer.end();
        SoterContainer idContainer = inner(message, outer.payloadOffset(), end, ID_TAG, "peer id");
        if (idContainer.payloadLength() == 0) {
            throw new SecureSessionException("negotiation message carries an empty peer id");
        }
        SoterContainer keyContainer =
                inner(message, idContainer.end(), end, EPHEMERAL_KEY_TAG, "ephemeral key");
        ECPoint point;
        try {
            point =
                    P256.decodePoint(
                            message, keyContainer.payloadOffset(), keyContainer.payloadLength());
        } catch (IllegalArgumentException e) {
            throw new SecureSessionException("peer ephemeral key is not a valid P-256 point");
        }
        int signatureLength = end - keyContainer.end();
        checkSignatureLength(signatureLength);
        return new Hello(
                idContainer.payload(),
                keyContainer.bytes(),
                point,
                slice(message, keyContainer.end(), signatureLength));
    }

    /** Parses m3. */
    public static ClientFinish parseClientFinish(byte[] message) throws SecureSessionException {
        SoterContainer outer = outer(message);
        int signatureLength = outer.payloadLength() - MAC_LENGTH;
        checkSignatureLength(signatureLength);
        int macOffset = outer.payloadOffset() + signatureLength;
        return new ClientFinish(
                slice(message, outer.payloadOffset(), signatureLength),
                slice(message, macOffset, MAC_LENGTH));
    }

    /** Parses m4 and returns its MAC. */
    public static byte[] parseServerFinish(byte[] message) throws SecureSessionException {
        SoterContainer outer = outer(message);
        if (outer.payloadLength() != MAC_LENGTH) {
            throw new SecureSessionException(
                    "server finish message must carry exactly one 32-byte MAC");
        }
        return outer.payload();
    }

    /** True if {@code message} starts like a negotiation message (tag only, nothing verified). */
    public static boolean looksLikeNegotiation(byte[] message) {
        return message.length >= 4
                && message[0] == 'T'
                && message[1] == 'S'
                && message[2] == 'P'
                && message[3] == 'M';
    }

    private static SoterContainer outer(byte[] message) throws SecureSessionException {
        SoterContainer c;
        try {
            c = SoterContainer.parseExact(message);
        } catch (ContainerFormatException e) {
            throw new SecureSessionException("malformed negotiation message: " + e.getMessage());
        }
        if (!c.hasTag(MESSAGE_TAG)) {
            throw new SecureSessionException("not a negotiation message (tag is not TSPM)");
        }
        return c;
    }

    private static SoterContainer inner(
            byte[] message, int offset, int limit, String tag, String what)
            throws SecureSessionException {
        SoterContainer c;
        try {
            c = SoterContainer.parse(message, offset, limit);
        } catch (ContainerFormatException e) {
            throw new SecureSessionException(
                    "malformed " + what + " in negotiation message: " + e.getMessage());
        }
        if (!c.hasTag(tag)) {
            throw new SecureSessionException(
                    "negotiation message lacks the " + what + " (tag is not " + tag + ")");
        }
        return c;
    }

    private static void checkSignatureLength(int length) throws SecureSessionException {
        if (length < MIN_SIGNATURE_LENGTH || length > MAX_SIGNATURE_LENGTH) {
            throw new SecureSessionException(
                    "negotiation message signature has an impossible length");
        }
    }

    private static byte[] buildMessage(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] payload = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, payload, o, p.length);
            o += p.length;
        }
        return SoterContainer.build(MESSAGE_TAG, payload);
    }

    private static byte[] slice(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, from, out, 0, length);
        return out;
    }
}
