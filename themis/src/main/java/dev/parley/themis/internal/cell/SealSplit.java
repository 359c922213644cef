package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCellException;
import dev.parley.themis.internal.util.Bytes;

/**
 * Splits a Seal cell into token and ciphertext: the message length at offset 12 says how many
 * trailing bytes are ciphertext; everything before is the token.
 */
final class SealSplit {
    private SealSplit() {}

    /** Length of the ciphertext at the end of {@code cell}. */
    static int ciphertextLength(byte[] cell) throws SecureCellException {
        if (cell == null) {
            throw new NullPointerException("cell");
        }
        if (cell.length < KeyToken.HEADER_LENGTH) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        long msgLen = Bytes.readLe32(cell, KeyToken.MESSAGE_LENGTH_OFFSET);
        if (msgLen == 0 || msgLen > cell.length) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        return (int) msgLen;
    }
}
