package dev.parley.themis.internal.kdf;

import dev.parley.themis.internal.sym.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Soter key derivation function used throughout Themis: {@code HMAC-SHA256(K, 00000001 || label
 * || 00 || c1 || ... || ck)}, truncated to at most 32 bytes. Unlike ZRTP's KDF the output length is
 * not hashed in.
 */
public final class SoterKdf {
    public static final int MAX_OUTPUT = 32;
    private static final byte[] COUNTER = {0, 0, 0, 1};
    private static final byte[] SEPARATOR = {0};

    private SoterKdf() {}

    public static byte[] derive(byte[] key, String label, int length, byte[]... contexts) {
        if (length < 1 || length > MAX_OUTPUT) {
            throw new IllegalArgumentException("KDF output length must be 1..32");
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] mac = HmacSha256.compute(key, COUNTER, labelBytes, SEPARATOR, contexts);
        return length == MAX_OUTPUT ? mac : Arrays.copyOf(mac, length);
    }

    /**
     * KDF with Themis's implicit key: 32 zero bytes overlaid with the label, then each context
     * XORed in from offset 0 (first 32 bytes of each).
     */
    public static byte[] deriveWithImplicitKey(String label, int length, byte[]... contexts) {
        byte[] key = new byte[MAX_OUTPUT];
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(labelBytes, 0, key, 0, Math.min(MAX_OUTPUT, labelBytes.length));
        for (byte[] c : contexts) {
            for (int i = 0; i < Math.min(MAX_OUTPUT, c.length); i++) {
                key[i] ^= c[i];
            }
        }
        return derive(key, label, length, contexts);
    }
}
