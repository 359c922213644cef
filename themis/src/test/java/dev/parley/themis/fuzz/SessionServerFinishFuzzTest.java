package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;

/**
 * Secure Session: a client that sent a real m3 unwrapping an attacker's m4. Only {@link
 * SecureSessionException}, the session stays where it was, and m4 is a MAC under this session's
 * master key, so no input can be accepted (an accepted input is a finding).
 */
class SessionServerFinishFuzzTest {
    private static final SecureSession SESSION = SessionHandshakes.clientAwaitingServerFinish();
    private static final SecureSession.State STATE = SESSION.state();

    @FuzzTest
    void clientUnwrapsServerFinish(byte[] input) {
        try {
            SESSION.unwrap(input);
        } catch (SecureSessionException expected) {
            if (SESSION.state() != STATE) {
                throw new AssertionError(
                        "a rejected message changed the state to " + SESSION.state());
            }
            return;
        }
        throw new AssertionError("accepted a forged handshake message; state " + SESSION.state());
    }
}
