package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;

/** {@link PublicKey#fromBytes}: only {@link KeyFormatException}; a parsed key round-trips. */
class PublicKeyFuzzTest {

    @FuzzTest
    void parse(byte[] input) throws KeyFormatException {
        PublicKey key;
        try {
            key = PublicKey.fromBytes(input);
        } catch (KeyFormatException expected) {
            return;
        }
        PublicKey again = PublicKey.fromBytes(key.toByteArray());
        if (!again.equals(key) || key.fingerprint().isEmpty()) {
            throw new AssertionError("a parsed public key does not round-trip");
        }
    }
}
