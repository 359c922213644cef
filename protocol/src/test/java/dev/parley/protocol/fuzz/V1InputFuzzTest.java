package dev.parley.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.V1Input;
import java.nio.charset.StandardCharsets;

/**
 * {@link V1Input#parse} of one v1 line after the handshake (chat text or a {@code /command},
 * decoded as UTF-8): only {@link ProtocolException}.
 */
class V1InputFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        try {
            V1Input.parse(new String(input, StandardCharsets.UTF_8));
        } catch (ProtocolException expected) {
            // the documented rejection
        }
    }
}
