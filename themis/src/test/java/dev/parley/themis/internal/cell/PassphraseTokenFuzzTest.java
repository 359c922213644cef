package dev.parley.themis.internal.cell;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureCellException;

/**
 * The passphrase token parser alone, at full speed: the public-API target ({@code
 * SealWithPassphraseFuzzTest}) pays for PBKDF2 on every token that parses. Splits the cell as
 * {@link SealWithPassphrase#decrypt} does, then parses the token: only {@link SecureCellException},
 * and what parses lies inside the token with an iteration count in [1, {@link
 * PassphraseToken#MAX_ITERATIONS}].
 */
class PassphraseTokenFuzzTest {

    @FuzzTest
    void parse(byte[] cell) {
        int tokenLength;
        PassphraseToken token;
        try {
            tokenLength = cell.length - SealSplit.ciphertextLength(cell);
            token = PassphraseToken.parse(cell, 0, tokenLength);
        } catch (SecureCellException expected) {
            return;
        }
        if (token.iterations < 1
                || token.iterations > PassphraseToken.MAX_ITERATIONS
                || token.ivOffset + CellCrypto.IV_LENGTH > tokenLength
                || token.tagOffset + CellCrypto.TAG_LENGTH > tokenLength
                || token.keyLength <= 0) {
            throw new AssertionError("token parsed outside its bounds");
        }
    }
}
