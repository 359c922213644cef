package dev.parley.server.identity;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The authorized-keys file of the {@code closed} policy, parsed from attacker-written text (lines
 * split as {@code Files.readAllLines} splits them): only {@link IOException}.
 */
class AuthorizedKeysFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        try {
            AuthorizedKeys.parse(
                    new String(input, StandardCharsets.UTF_8).lines().toList(), "fuzz");
        } catch (IOException expected) {
            // a malformed line: the documented outcome
        }
    }
}
