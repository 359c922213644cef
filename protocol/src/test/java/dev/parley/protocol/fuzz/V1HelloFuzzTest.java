package dev.parley.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.V1Hello;
import java.nio.charset.StandardCharsets;

/**
 * {@link V1Hello#parse} of a v1 first frame ({@code <name>:<base64 key>}, the input decoded as
 * UTF-8 as a WebSocket text frame is): only {@link ProtocolException}.
 */
class V1HelloFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        try {
            V1Hello.parse(new String(input, StandardCharsets.UTF_8));
        } catch (ProtocolException expected) {
            // the documented rejection
        }
    }
}
