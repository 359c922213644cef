package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureMessage;
import dev.parley.themis.SecureMessageException;

/**
 * Secure Message signature verification of attacker bytes against alice's key (vectors): only
 * {@link SecureMessageException}. The DER signature parser sits behind this target.
 */
class SecureMessageVerifyFuzzTest {

    @FuzzTest
    void verify(byte[] input) {
        try {
            SecureMessage.verify(input, FuzzFixtures.ALICE_PUBLIC);
        } catch (SecureMessageException expected) {
            // malformed or not signed by alice: the documented outcome
        }
    }
}
