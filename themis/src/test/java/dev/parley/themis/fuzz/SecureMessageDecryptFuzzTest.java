package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureMessage;
import dev.parley.themis.SecureMessageException;

/**
 * Secure Message decryption of attacker bytes (bob reading from alice, the vector keys): only
 * {@link SecureMessageException}.
 */
class SecureMessageDecryptFuzzTest {
    private static final SecureMessage BOB =
            SecureMessage.encryption(FuzzFixtures.BOB_PRIVATE, FuzzFixtures.ALICE_PUBLIC);

    @FuzzTest
    void decrypt(byte[] input) {
        try {
            BOB.decrypt(input);
        } catch (SecureMessageException expected) {
            // malformed or not from alice: the documented outcome
        }
    }
}
