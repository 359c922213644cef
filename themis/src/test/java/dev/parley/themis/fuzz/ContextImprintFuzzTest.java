package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureCell;
import java.util.Arrays;

/**
 * Secure Cell Context Imprint cannot reject anything, so: {@link IllegalArgumentException} exactly
 * when the data or the context is empty, otherwise no exception, the same length, and re-encrypting
 * the output gives the input back. Input: {@code [u8 n][context][data]}.
 */
class ContextImprintFuzzTest {
    private static final SecureCell.ContextImprint CELL =
            SecureCell.contextImprintWithKey(FuzzFixtures.IMPRINT_KEY);

    @FuzzTest
    void decrypt(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        byte[] context = in.field();
        byte[] data = in.rest();
        boolean misuse = context.length == 0 || data.length == 0;
        byte[] plain;
        try {
            plain = CELL.decrypt(data, context);
        } catch (IllegalArgumentException e) {
            if (misuse) {
                return;
            }
            throw new AssertionError("rejected non-empty data and context", e);
        }
        if (misuse) {
            throw new AssertionError("accepted empty data or context");
        }
        if (plain.length != data.length || !Arrays.equals(CELL.encrypt(plain, context), data)) {
            throw new AssertionError("decrypt is not the inverse of encrypt");
        }
    }
}
