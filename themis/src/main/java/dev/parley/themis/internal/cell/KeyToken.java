package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCellException;
import dev.parley.themis.internal.util.Bytes;

/**
 * The 44-byte authentication token of Seal and Token Protect with a key (all fields LE32):
 *
 * <pre>
 *  0        4        8        12       16            28            44
 *  +--------+--------+--------+--------+-------------+-------------+
 *  | alg id | ivlen  | taglen | msglen | IV (12)     | tag (16)    |
 *  +--------+--------+--------+--------+-------------+-------------+
 * </pre>
 *
 * When parsing, ivlen may exceed 12 and taglen 16 (only the first 12/16 bytes are used), and bytes
 * after the tag are ignored, as Themis does.
 */
final class KeyToken {
    static final int HEADER_LENGTH = 16;
    static final int LENGTH = HEADER_LENGTH + CellCrypto.IV_LENGTH + CellCrypto.TAG_LENGTH;
    static final int MESSAGE_LENGTH_OFFSET = 12;

    final int keyLength;
    final int ivOffset;
    final int tagOffset;
    final long messageLength;

    private KeyToken(int keyLength, int ivOffset, int tagOffset, long messageLength) {
        this.keyLength = keyLength;
        this.ivOffset = ivOffset;
        this.tagOffset = tagOffset;
        this.messageLength = messageLength;
    }

    /** Writes the header of a fresh token; IV and tag are filled by {@link CellCrypto#encrypt}. */
    static void writeHeader(byte[] out, int off, int messageLength) {
        Bytes.writeLe32(out, off, AlgorithmId.AES256_GCM_KEY);
        Bytes.writeLe32(out, off + 4, CellCrypto.IV_LENGTH);
        Bytes.writeLe32(out, off + 8, CellCrypto.TAG_LENGTH);
        Bytes.writeLe32(out, off + 12, messageLength);
    }

    /** Parses the token in {@code buf[off, off+length)}. */
    static KeyToken parse(byte[] buf, int off, int length) throws SecureCellException {
        if (length < HEADER_LENGTH) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        long alg = Bytes.readLe32(buf, off);
        long ivLen = Bytes.readLe32(buf, off + 4);
        long tagLen = Bytes.readLe32(buf, off + 8);
        long msgLen = Bytes.readLe32(buf, off + 12);
        int keyLength = AlgorithmId.gcmKeyLength(alg, AlgorithmId.KDF_NONE);
        if (keyLength < 0
                || ivLen < CellCrypto.IV_LENGTH
                || tagLen < CellCrypto.TAG_LENGTH
                || HEADER_LENGTH + ivLen + tagLen > length) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        int ivOffset = off + HEADER_LENGTH;
        return new KeyToken(keyLength, ivOffset, (int) (ivOffset + ivLen), msgLen);
    }
}
