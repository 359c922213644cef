package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellData;
import dev.parley.themis.SecureCellException;

/** Token Protect mode: ciphertext of the plaintext's length, and a separate {@link KeyToken}. */
public final class TokenProtectWithKey implements SecureCell.TokenProtect {
    private final byte[] key;

    public TokenProtectWithKey(byte[] key) {
        this.key = key.clone();
    }

    @Override
    public SecureCellData encrypt(byte[] data, byte[] context) {
        CellCrypto.requireData(data);
        byte[] token = new byte[KeyToken.LENGTH];
        byte[] ct = new byte[data.length];
        KeyToken.writeHeader(token, 0, data.length);
        CellCrypto.encrypt(
                key,
                data,
                CellCrypto.context(context),
                token,
                KeyToken.HEADER_LENGTH,
                token,
                KeyToken.HEADER_LENGTH + CellCrypto.IV_LENGTH,
                ct,
                0);
        return new SecureCellData(ct, token);
    }

    @Override
    public byte[] decrypt(byte[] data, byte[] token, byte[] context) throws SecureCellException {
        if (data == null || token == null) {
            throw new NullPointerException(data == null ? "data" : "token");
        }
        if (data.length == 0) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        KeyToken parsed = KeyToken.parse(token, 0, token.length);
        if (parsed.messageLength != data.length) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        return CellCrypto.decrypt(
                key,
                parsed.keyLength,
                CellCrypto.context(context),
                token,
                parsed.ivOffset,
                token,
                parsed.tagOffset,
                data,
                0,
                data.length);
    }

    @Override
    public String toString() {
        return "SecureCell.TokenProtect[key]";
    }
}
