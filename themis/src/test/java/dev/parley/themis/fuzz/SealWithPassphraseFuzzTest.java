package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;

/**
 * Secure Cell Seal with a passphrase, decrypting attacker bytes: only {@link SecureCellException},
 * and never a PBKDF2 run beyond the iteration cap (the timeout catches that). Input: {@code [u8
 * n][context n bytes][cell]}. Every input whose token parses costs PBKDF2 with the token's
 * iteration count, so the seeds carry 1,000-iteration cells (fast to mutate) besides the WasmThemis
 * vectors (314,110 iterations, ~0.1 s each).
 */
class SealWithPassphraseFuzzTest {
    private static final SecureCell.Seal CELL =
            SecureCell.sealWithPassphrase(FuzzFixtures.PASSPHRASE);

    @FuzzTest
    void decrypt(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        byte[] context = in.field();
        byte[] cell = in.rest();
        try {
            CELL.decrypt(cell, context);
        } catch (SecureCellException expected) {
            // not authentic or malformed: the documented outcome
        }
    }
}
