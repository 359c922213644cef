package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCellException;
import dev.parley.themis.internal.util.Bytes;

/**
 * The 70-byte token of Seal with a passphrase (LE32 fields unless noted):
 *
 * <pre>
 *  0        4        8        12       16       20          32          48       52     54
 *  +--------+--------+--------+--------+--------+-----------+-----------+--------+------+----------+
 *  | alg id | ivlen  | taglen | msglen | kdflen | IV (12)   | tag (16)  | iter.  | LE16 | salt(16) |
 *  |        |        |        |        | (=22)  |           |           |        | slen |          |
 *  +--------+--------+--------+--------+--------+-----------+-----------+--------+------+----------+
 * </pre>
 *
 * The PBKDF2 iteration count and salt come from the token. Themis accepts any count up to 2^32-1; a
 * hostile cell could then stall a thread for hours, so counts above {@link #MAX_ITERATIONS} are
 * rejected (a deliberate, harmless deviation: Themis writes 314,110).
 */
final class PassphraseToken {
    static final int HEADER_LENGTH = 20;
    static final int ITERATIONS_WRITTEN = 314_110;
    static final int SALT_LENGTH = 16;
    static final int KDF_CONTEXT_LENGTH = 4 + 2 + SALT_LENGTH;
    static final int LENGTH =
            HEADER_LENGTH + CellCrypto.IV_LENGTH + CellCrypto.TAG_LENGTH + KDF_CONTEXT_LENGTH;

    /** About ten times what Themis writes: ~3 s of PBKDF2 on a slow core at most. */
    static final long MAX_ITERATIONS = 4_000_000L;

    private static final int KDF_FIXED = 6;

    final int keyLength;
    final int ivOffset;
    final int tagOffset;
    final long messageLength;
    final long iterations;
    final byte[] salt;

    private PassphraseToken(
            int keyLength,
            int ivOffset,
            int tagOffset,
            long messageLength,
            long iterations,
            byte[] salt) {
        this.keyLength = keyLength;
        this.ivOffset = ivOffset;
        this.tagOffset = tagOffset;
        this.messageLength = messageLength;
        this.iterations = iterations;
        this.salt = salt;
    }

    /** Writes everything but IV and tag into a fresh token at {@code off}. */
    static void write(byte[] out, int off, int messageLength, byte[] salt) {
        Bytes.writeLe32(out, off, AlgorithmId.AES256_GCM_PASSPHRASE);
        Bytes.writeLe32(out, off + 4, CellCrypto.IV_LENGTH);
        Bytes.writeLe32(out, off + 8, CellCrypto.TAG_LENGTH);
        Bytes.writeLe32(out, off + 12, messageLength);
        Bytes.writeLe32(out, off + 16, KDF_CONTEXT_LENGTH);
        int kdf = off + HEADER_LENGTH + CellCrypto.IV_LENGTH + CellCrypto.TAG_LENGTH;
        Bytes.writeLe32(out, kdf, ITERATIONS_WRITTEN);
        Bytes.writeLe16(out, kdf + 4, SALT_LENGTH);
        System.arraycopy(salt, 0, out, kdf + KDF_FIXED, SALT_LENGTH);
    }

    static PassphraseToken parse(byte[] buf, int off, int length) throws SecureCellException {
        if (length < HEADER_LENGTH) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        long alg = Bytes.readLe32(buf, off);
        long ivLen = Bytes.readLe32(buf, off + 4);
        long tagLen = Bytes.readLe32(buf, off + 8);
        long msgLen = Bytes.readLe32(buf, off + 12);
        long kdfLen = Bytes.readLe32(buf, off + 16);
        int keyLength = AlgorithmId.gcmKeyLength(alg, AlgorithmId.KDF_PBKDF2);
        if (keyLength < 0
                || ivLen < CellCrypto.IV_LENGTH
                || tagLen < CellCrypto.TAG_LENGTH
                || kdfLen < KDF_FIXED
                || HEADER_LENGTH + ivLen + tagLen + kdfLen > length) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        int ivOffset = off + HEADER_LENGTH;
        int tagOffset = (int) (ivOffset + ivLen);
        int kdf = (int) (tagOffset + tagLen);
        long iterations = Bytes.readLe32(buf, kdf);
        int saltLen = Bytes.readLe16(buf, kdf + 4);
        if (iterations == 0 || iterations > MAX_ITERATIONS || KDF_FIXED + saltLen > kdfLen) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        byte[] salt = Bytes.slice(buf, kdf + KDF_FIXED, saltLen);
        return new PassphraseToken(keyLength, ivOffset, tagOffset, msgLen, iterations, salt);
    }
}
