package dev.parley.themis.internal.message;

import dev.parley.themis.SecureMessageException;
import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.util.Bytes;
import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * EC-signed Secure Message (all header fields LE32):
 *
 * <pre>
 *  0        4        8        12
 *  +--------+--------+--------+-----------+-------------------+
 *  | type   | msglen | siglen | message   | DER ECDSA-SHA256  |
 *  | 0x26042620      |        | (clear)   | over message only |
 *  +--------+--------+--------+-----------+-------------------+
 * </pre>
 *
 * Bytes after the signature are accepted, as Themis does (old wrappers emitted them).
 */
public final class SignedMessage {
    static final long TYPE_EC_SIGNED = 0x26042620L;
    static final int HEADER_LENGTH = 12;
    private static final String FAILURE =
            "Secure Message: malformed, or the signature does not verify";

    private SignedMessage() {}

    public static byte[] sign(BigInteger privateScalar, byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length == 0) {
            throw new IllegalArgumentException("Secure Message cannot sign an empty message");
        }
        byte[] sig = P256.sign(privateScalar, message);
        byte[] out = new byte[HEADER_LENGTH + message.length + sig.length];
        Bytes.writeLe32(out, 0, TYPE_EC_SIGNED);
        Bytes.writeLe32(out, 4, message.length);
        Bytes.writeLe32(out, 8, sig.length);
        System.arraycopy(message, 0, out, HEADER_LENGTH, message.length);
        System.arraycopy(sig, 0, out, HEADER_LENGTH + message.length, sig.length);
        return out;
    }

    public static byte[] verify(ECPoint publicPoint, byte[] signed) throws SecureMessageException {
        Objects.requireNonNull(signed, "signed");
        if (signed.length < HEADER_LENGTH || Bytes.readLe32(signed, 0) != TYPE_EC_SIGNED) {
            throw new SecureMessageException(FAILURE);
        }
        long msgLen = Bytes.readLe32(signed, 4);
        long sigLen = Bytes.readLe32(signed, 8);
        if (msgLen == 0 || sigLen == 0 || HEADER_LENGTH + msgLen + sigLen > signed.length) {
            throw new SecureMessageException(FAILURE);
        }
        byte[] message = Bytes.slice(signed, HEADER_LENGTH, (int) msgLen);
        byte[] sig = Bytes.slice(signed, HEADER_LENGTH + (int) msgLen, (int) sigLen);
        if (!P256.verify(publicPoint, sig, message)) {
            throw new SecureMessageException(FAILURE);
        }
        return message;
    }
}
