package dev.parley.themis.internal.sym;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 12-byte nonce and 16-byte tag through the JDK, one reusable {@link Cipher} per
 * thread. Callers inside this module supply the nonce; nothing public does.
 */
public final class AesGcm {
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    private static final int TAG_BITS = TAG_LENGTH * 8;
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {}

    /**
     * Encrypts {@code in[inOff, inOff+len)} into {@code out} at {@code outOff}: ciphertext of
     * {@code len} bytes followed by the 16-byte tag.
     */
    public static void encrypt(
            byte[] key,
            byte[] nonce,
            int nonceOff,
            byte[] aad,
            byte[] in,
            int inOff,
            int len,
            byte[] out,
            int outOff) {
        Cipher c = CIPHER.get();
        try {
            c.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce, nonceOff, NONCE_LENGTH));
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            c.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts {@code in[inOff, inOff+len)} (ciphertext then 16-byte tag) into {@code out} at
     * {@code outOff}; writes {@code len - 16} bytes.
     *
     * @throws AEADBadTagException if the tag does not verify; nothing is written then
     */
    public static void decrypt(
            byte[] key,
            byte[] nonce,
            int nonceOff,
            byte[] aad,
            byte[] in,
            int inOff,
            int len,
            byte[] out,
            int outOff)
            throws AEADBadTagException {
        if (len < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        Cipher c = CIPHER.get();
        try {
            c.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce, nonceOff, NONCE_LENGTH));
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            c.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** A key object to pass to the {@link SecretKeySpec} overloads; build it once per key. */
    public static SecretKeySpec key(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }

    /**
     * A Cipher of one's own, for a caller that encrypts or decrypts many messages under the same
     * key: re-initialising a Cipher with the key it had last time skips the AES key expansion,
     * which costs several times a short message's encryption. Not thread-safe.
     */
    public static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-GCM", e);
        }
    }

    /**
     * Encrypts {@code head || in[inOff, inOff+len)} with {@code cipher} into {@code out} at {@code
     * outOff} without joining the two parts first: ciphertext of {@code head.length + len} bytes,
     * then the tag. No AAD.
     *
     * @return the number of bytes written
     */
    public static int encrypt(
            Cipher cipher,
            SecretKeySpec key,
            byte[] nonce,
            int nonceOff,
            byte[] head,
            byte[] in,
            int inOff,
            int len,
            byte[] out,
            int outOff) {
        try {
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, nonce, nonceOff, NONCE_LENGTH));
            int n = cipher.update(head, 0, head.length, out, outOff);
            return n + cipher.doFinal(in, inOff, len, out, outOff + n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts {@code in[inOff, inOff+len)} (ciphertext then tag, no AAD) with {@code cipher} into
     * {@code out} at {@code outOff}; writes {@code len - 16} bytes, and nothing if the tag does not
     * verify. {@code out} must not overlap the input.
     */
    public static void decrypt(
            Cipher cipher,
            SecretKeySpec key,
            byte[] nonce,
            int nonceOff,
            byte[] in,
            int inOff,
            int len,
            byte[] out,
            int outOff)
            throws AEADBadTagException {
        if (len < TAG_LENGTH) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        try {
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, nonce, nonceOff, NONCE_LENGTH));
            cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
