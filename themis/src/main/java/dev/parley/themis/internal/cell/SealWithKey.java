package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;

/** Seal mode with a key: output = 44-byte {@link KeyToken} ‖ ciphertext. */
public final class SealWithKey implements SecureCell.Seal {
    private final byte[] key;

    public SealWithKey(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public byte[] encrypt(byte[] data, byte[] context) {
        CellCrypto.requireData(data);
        byte[] ctx = CellCrypto.context(context);
        byte[] out = new byte[KeyToken.LENGTH + data.length];
        KeyToken.writeHeader(out, 0, data.length);
        CellCrypto.encrypt(
                key,
                data,
                ctx,
                out,
                KeyToken.HEADER_LENGTH,
                out,
                KeyToken.HEADER_LENGTH + CellCrypto.IV_LENGTH,
                out,
                KeyToken.LENGTH);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] cell, byte[] context) throws SecureCellException {
        int ctLength = SealSplit.ciphertextLength(cell);
        int tokenLength = cell.length - ctLength;
        KeyToken token = KeyToken.parse(cell, 0, tokenLength);
        if (token.messageLength != ctLength) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        return CellCrypto.decrypt(
                key,
                token.keyLength,
                CellCrypto.context(context),
                cell,
                token.ivOffset,
                cell,
                token.tagOffset,
                cell,
                tokenLength,
                ctLength);
    }

    @Override
    public String toString() {
        return "SecureCell.Seal[key]";
    }
}
