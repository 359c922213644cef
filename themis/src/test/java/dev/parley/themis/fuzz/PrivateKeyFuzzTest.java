package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PrivateKey;

/** {@link PrivateKey#fromBytes}: only {@link KeyFormatException}; a parsed key is usable. */
class PrivateKeyFuzzTest {

    @FuzzTest
    void parse(byte[] input) throws KeyFormatException {
        PrivateKey key;
        try {
            key = PrivateKey.fromBytes(input);
        } catch (KeyFormatException expected) {
            return;
        }
        PrivateKey again = PrivateKey.fromBytes(key.toByteArray());
        if (!again.publicKey().equals(key.publicKey())) {
            throw new AssertionError("a parsed private key does not round-trip");
        }
    }
}
