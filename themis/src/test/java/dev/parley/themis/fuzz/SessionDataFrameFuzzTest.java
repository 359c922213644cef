package dev.parley.themis.fuzz;

import static dev.parley.themis.testing.Vectors.hex;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.ReplayedMessageException;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.internal.session.DataChannel;
import dev.parley.themis.internal.session.SessionKeys;
import dev.parley.themis.testing.Vectors;
import java.util.Map;

/**
 * Secure Session data messages after establishment: the server side of the WasmThemis transcript
 * session (its keys rebuilt from the recorded master key, its clock at the transcript's time,
 * strict anti-replay on), so the transcript's client messages in the seeds are authentic. {@code
 * SecureSession.unwrap} hands established traffic to exactly this {@link DataChannel}. Input:
 * frames, each {@code [BE16 n][n bytes]}, unwrapped in order by one fresh channel. Only {@link
 * SecureSessionException}; every frame that is accepted must be refused as a replay right after.
 */
class SessionDataFrameFuzzTest {
    private static final Map<String, Object> SERVER_SECRETS =
            Vectors.map(FuzzFixtures.TRANSCRIPT, "server_secrets");
    private static final SessionKeys KEYS =
            SessionKeys.derive(
                    hex((String) SERVER_SECRETS.get("master_key_hex")),
                    hex((String) SERVER_SECRETS.get("session_id_kdf_bytes_hex")));

    @FuzzTest
    void serverUnwrapsDataFrames(byte[] input) {
        DataChannel server = KEYS.channel(false, FuzzFixtures.TRANSCRIPT_TIME, true);
        FuzzInput in = new FuzzInput(input);
        while (in.hasMore()) {
            byte[] frame = in.longField();
            try {
                server.unwrap(frame);
            } catch (SecureSessionException expected) {
                continue;
            }
            try {
                server.unwrap(frame);
            } catch (ReplayedMessageException expected) {
                continue;
            } catch (SecureSessionException e) {
                throw new AssertionError("a replayed frame was not reported as a replay", e);
            }
            throw new AssertionError("a replayed frame was accepted");
        }
    }
}
