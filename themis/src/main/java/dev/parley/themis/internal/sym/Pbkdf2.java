package dev.parley.themis.internal.sym;

import java.util.Arrays;
import javax.crypto.Mac;

/**
 * PBKDF2-HMAC-SHA256 over raw password bytes (the JDK's PBKDF2 takes a {@code char[]} and refuses
 * an empty salt). Output is one 32-byte block, which is all Themis uses.
 */
public final class Pbkdf2 {
    private Pbkdf2() {}

    public static byte[] deriveKey(byte[] password, byte[] salt, long iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("PBKDF2 needs at least one iteration");
        }
        Mac mac = HmacSha256.init(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (long i = 1; i < iterations; i++) {
            mac.update(u);
            try {
                mac.doFinal(u, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }
}
