package dev.parley.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.protocol.Event;
import dev.parley.protocol.EventCodec;
import dev.parley.protocol.ProtocolException;
import java.util.Arrays;

/**
 * {@link EventCodec#decode} of attacker bytes (the plaintext of a v2 Secure Session message): only
 * {@link ProtocolException}; an accepted event re-encodes canonically (encode, decode and encode
 * again give the same bytes).
 */
class EventCodecFuzzTest {
    private static final EventCodec CODEC = new EventCodec();

    @FuzzTest
    void decode(byte[] input) throws ProtocolException {
        Event event;
        try {
            event = CODEC.decode(input);
        } catch (ProtocolException expected) {
            return;
        }
        byte[] canonical = CODEC.encode(event);
        Event again = CODEC.decode(canonical);
        if (!again.equals(event) || !Arrays.equals(CODEC.encode(again), canonical)) {
            throw new AssertionError("decoded event does not round-trip: " + event.type());
        }
    }
}
