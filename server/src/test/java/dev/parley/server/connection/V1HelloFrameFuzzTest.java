package dev.parley.server.connection;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The server's reading of a v1 first frame ({@code <name>:<base64 key>}, decoded as UTF-8 as a text
 * frame is), key container and point included: only {@link InputException}.
 */
class V1HelloFrameFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        try {
            Hello.parse(new String(input, StandardCharsets.UTF_8));
        } catch (InputException expected) {
            // refused with a close reason: the documented outcome
        }
    }
}
