package dev.parley.themis.internal.ec;

import java.math.BigInteger;

/**
 * Strict DER for ECDSA signatures, {@code SEQUENCE { INTEGER r, INTEGER s }}:
 *
 * <pre>
 *  30 len  02 rlen r...  02 slen s...
 * </pre>
 *
 * Only the short length form is valid (a P-256 signature is at most 72 bytes); integers must be
 * minimally encoded and positive; nothing may follow the sequence. Themis (BoringSSL) rejects
 * non-minimal encodings too.
 */
final class DerSignature {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int MAX_INTEGER_LENGTH = 33;

    private DerSignature() {}

    static byte[] encode(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        int bodyLength = 2 + rb.length + 2 + sb.length;
        byte[] out = new byte[2 + bodyLength];
        int o = 0;
        out[o++] = SEQUENCE;
        out[o++] = (byte) bodyLength;
        out[o++] = INTEGER;
        out[o++] = (byte) rb.length;
        System.arraycopy(rb, 0, out, o, rb.length);
        o += rb.length;
        out[o++] = INTEGER;
        out[o++] = (byte) sb.length;
        System.arraycopy(sb, 0, out, o, sb.length);
        return out;
    }

    /** {r, s}, or null if the encoding is not strict DER. */
    static BigInteger[] decode(byte[] der) {
        if (der.length < 8
                || (der[0] & 0xFF) != SEQUENCE
                || (der[1] & 0x80) != 0
                || (der[1] & 0xFF) != der.length - 2) {
            return null;
        }
        int[] pos = {2};
        BigInteger r = integer(der, pos);
        if (r == null) {
            return null;
        }
        BigInteger s = integer(der, pos);
        if (s == null || pos[0] != der.length) {
            return null;
        }
        return new BigInteger[] {r, s};
    }

    private static BigInteger integer(byte[] der, int[] pos) {
        int p = pos[0];
        if (p + 2 > der.length || (der[p] & 0xFF) != INTEGER) {
            return null;
        }
        int len = der[p + 1] & 0xFF;
        p += 2;
        if (len == 0 || len > MAX_INTEGER_LENGTH || p + len > der.length) {
            return null;
        }
        if ((der[p] & 0x80) != 0) {
            return null; // negative
        }
        if (len > 1 && der[p] == 0 && (der[p + 1] & 0x80) == 0) {
            return null; // non-minimal leading zero
        }
        byte[] value = new byte[len];
        System.arraycopy(der, p, value, 0, len);
        pos[0] = p + len;
        return new BigInteger(1, value);
    }
}
