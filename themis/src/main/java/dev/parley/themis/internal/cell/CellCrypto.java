package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCellException;
import dev.parley.themis.internal.kdf.SoterKdf;
import dev.parley.themis.internal.sym.AesGcm;
import dev.parley.themis.internal.util.Bytes;
import dev.parley.themis.internal.util.Csprng;
import javax.crypto.AEADBadTagException;

/**
 * The AES-GCM core shared by Seal and Token Protect (key and passphrase): {@code DK = KDF(secret,
 * "Themis secure cell message key", LE32(|m|), ctx)}, then AES-GCM with the context as AAD.
 */
final class CellCrypto {
    static final String MESSAGE_KEY_LABEL = "Themis secure cell message key";
    static final int IV_LENGTH = AesGcm.NONCE_LENGTH;
    static final int TAG_LENGTH = AesGcm.TAG_LENGTH;

    /** One error message for every failure, so a caller cannot tell which check failed. */
    static final String FAILURE =
            "Secure Cell: data is malformed or not authentic for this key and context";

    private CellCrypto() {}

    static byte[] context(byte[] context) {
        return context == null ? new byte[0] : context;
    }

    static void requireData(byte[] data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("Secure Cell cannot encrypt empty data");
        }
    }

    static byte[] derivedKey(byte[] secret, long messageLength, byte[] context, int keyLength) {
        return SoterKdf.derive(
                secret, MESSAGE_KEY_LABEL, keyLength, Bytes.le32(messageLength), context);
    }

    /**
     * Encrypts {@code m}; writes the random IV to {@code iv[ivOff..+12)}, the tag to {@code
     * tag[tagOff..+16)} and the ciphertext to {@code ct[ctOff..+|m|)}.
     */
    static void encrypt(
            byte[] secret,
            byte[] m,
            byte[] context,
            byte[] iv,
            int ivOff,
            byte[] tag,
            int tagOff,
            byte[] ct,
            int ctOff) {
        byte[] dk = derivedKey(secret, m.length, context, 32);
        byte[] nonce = Csprng.bytes(IV_LENGTH);
        byte[] sealed = new byte[m.length + TAG_LENGTH];
        AesGcm.encrypt(dk, nonce, 0, context, m, 0, m.length, sealed, 0);
        System.arraycopy(nonce, 0, iv, ivOff, IV_LENGTH);
        System.arraycopy(sealed, 0, ct, ctOff, m.length);
        System.arraycopy(sealed, m.length, tag, tagOff, TAG_LENGTH);
    }

    /** Decrypts with the first 12 IV bytes and first 16 tag bytes, as Themis does. */
    static byte[] decrypt(
            byte[] secret,
            int keyLength,
            byte[] context,
            byte[] iv,
            int ivOff,
            byte[] tag,
            int tagOff,
            byte[] ct,
            int ctOff,
            int ctLength)
            throws SecureCellException {
        byte[] dk = derivedKey(secret, ctLength, context, keyLength);
        byte[] sealed = new byte[ctLength + TAG_LENGTH];
        System.arraycopy(ct, ctOff, sealed, 0, ctLength);
        System.arraycopy(tag, tagOff, sealed, ctLength, TAG_LENGTH);
        byte[] out = new byte[ctLength];
        try {
            AesGcm.decrypt(dk, iv, ivOff, context, sealed, 0, sealed.length, out, 0);
        } catch (AEADBadTagException e) {
            throw new SecureCellException(FAILURE);
        }
        return out;
    }
}
