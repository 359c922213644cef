package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import java.util.Arrays;

/**
 * A fresh Secure Session server unwrapping an attacker's first message (m1): only {@link
 * SecureSessionException}; on success it answers with m2, is negotiating, and its peer is the only
 * client the resolver knows (m1 is replayable by design, so success is allowed).
 */
class SessionClientHelloFuzzTest {

    @FuzzTest
    void serverUnwrapsConnectRequest(byte[] input) {
        SecureSession server = SessionHandshakes.freshServer();
        UnwrapResult result;
        try {
            result = server.unwrap(input);
        } catch (SecureSessionException expected) {
            if (server.state() != SecureSession.State.IDLE) {
                throw new AssertionError("a rejected m1 changed the state to " + server.state());
            }
            return;
        }
        if (result.type() != UnwrapResult.Type.PROTOCOL_DATA
                || server.state() != SecureSession.State.NEGOTIATING
                || !Arrays.equals(server.peerId(), FuzzFixtures.CLIENT_ID)) {
            throw new AssertionError("accepted m1 left " + result + ", " + server.state());
        }
    }
}
