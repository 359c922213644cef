package dev.parley.themis.internal.cell;

import dev.parley.themis.internal.sym.Pbkdf2;
import dev.parley.themis.internal.util.Bytes;
import dev.parley.themis.internal.util.Csprng;

/**
 * Test-only: passphrase cells with a chosen PBKDF2 iteration count (Themis always writes 314,110;
 * readers take the count from the token). Fuzz seeds use few iterations so that mutating them stays
 * fast.
 */
public final class PassphraseCells {
    private PassphraseCells() {}

    public static byte[] seal(byte[] passphrase, byte[] data, byte[] context, int iterations) {
        byte[] salt = Csprng.bytes(PassphraseToken.SALT_LENGTH);
        byte[] out = new byte[PassphraseToken.LENGTH + data.length];
        PassphraseToken.write(out, 0, data.length, salt);
        int kdf = PassphraseToken.HEADER_LENGTH + CellCrypto.IV_LENGTH + CellCrypto.TAG_LENGTH;
        Bytes.writeLe32(out, kdf, iterations);
        byte[] prekey = Pbkdf2.deriveKey(passphrase, salt, iterations);
        int ivOff = PassphraseToken.HEADER_LENGTH;
        CellCrypto.encrypt(
                prekey,
                data,
                CellCrypto.context(context),
                out,
                ivOff,
                out,
                ivOff + CellCrypto.IV_LENGTH,
                out,
                PassphraseToken.LENGTH);
        return out;
    }
}
