package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;

/**
 * Secure Cell Token Protect, decrypting attacker data and token: only {@link SecureCellException},
 * and a successful decryption is as long as the data. Input: {@code [u8 n][context][u8
 * m][token][data]}.
 */
class TokenProtectFuzzTest {
    private static final SecureCell.TokenProtect CELL =
            SecureCell.tokenProtectWithKey(FuzzFixtures.TOKEN_PROTECT_KEY);

    @FuzzTest
    void decrypt(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        byte[] context = in.field();
        byte[] token = in.field();
        byte[] data = in.rest();
        byte[] plain;
        try {
            plain = CELL.decrypt(data, token, context);
        } catch (SecureCellException expected) {
            return;
        }
        if (plain.length != data.length) {
            throw new AssertionError(
                    "Token Protect changed the length: " + data.length + " -> " + plain.length);
        }
    }
}
