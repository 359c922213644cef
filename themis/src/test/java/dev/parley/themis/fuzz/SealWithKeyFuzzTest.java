package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;

/**
 * Secure Cell Seal with a key, decrypting attacker bytes: only {@link SecureCellException}. Input:
 * {@code [u8 n][context n bytes][cell]}; the key is the first Seal vector's, so the vector cells in
 * the seeds decrypt.
 */
class SealWithKeyFuzzTest {
    private static final SecureCell.Seal CELL = SecureCell.sealWithKey(FuzzFixtures.SEAL_KEY);

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
