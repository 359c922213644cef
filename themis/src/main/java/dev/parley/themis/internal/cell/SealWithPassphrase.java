package dev.parley.themis.internal.cell;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.internal.sym.Pbkdf2;
import dev.parley.themis.internal.util.Csprng;
import java.util.Arrays;

/**
 * Seal mode with a passphrase: {@code prekey = PBKDF2-HMAC-SHA256(passphrase, salt, count)}, then
 * the key-mode derivation on top; output = 70-byte {@link PassphraseToken} ‖ ciphertext.
 */
public final class SealWithPassphrase implements SecureCell.Seal {
    private final byte[] passphrase;

    public SealWithPassphrase(byte[] passphrase) {
        this.passphrase = passphrase.clone();
    }

    @Override
    public byte[] encrypt(byte[] data, byte[] context) {
        CellCrypto.requireData(data);
        byte[] ctx = CellCrypto.context(context);
        byte[] salt = Csprng.bytes(PassphraseToken.SALT_LENGTH);
        byte[] prekey = Pbkdf2.deriveKey(passphrase, salt, PassphraseToken.ITERATIONS_WRITTEN);
        byte[] out = new byte[PassphraseToken.LENGTH + data.length];
        PassphraseToken.write(out, 0, data.length, salt);
        int ivOff = PassphraseToken.HEADER_LENGTH;
        CellCrypto.encrypt(
                prekey,
                data,
                ctx,
                out,
                ivOff,
                out,
                ivOff + CellCrypto.IV_LENGTH,
                out,
                PassphraseToken.LENGTH);
        Arrays.fill(prekey, (byte) 0);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] cell, byte[] context) throws SecureCellException {
        int ctLength = SealSplit.ciphertextLength(cell);
        int tokenLength = cell.length - ctLength;
        PassphraseToken token = PassphraseToken.parse(cell, 0, tokenLength);
        if (token.messageLength != ctLength) {
            throw new SecureCellException(CellCrypto.FAILURE);
        }
        byte[] prekey = Pbkdf2.deriveKey(passphrase, token.salt, token.iterations);
        try {
            return CellCrypto.decrypt(
                    prekey,
                    token.keyLength,
                    CellCrypto.context(context),
                    cell,
                    token.ivOffset,
                    cell,
                    token.tagOffset,
                    cell,
                    tokenLength,
                    ctLength);
        } finally {
            Arrays.fill(prekey, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SecureCell.Seal[passphrase]";
    }
}
