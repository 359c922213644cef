package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;

/**
 * Secure Session: a server that answered a real m1 unwrapping an attacker's m3. Only {@link
 * SecureSessionException}, the session stays where it was, and m3 carries a signature and a MAC
 * over this session's keys, so no input can be accepted (an accepted input is a finding).
 */
class SessionClientFinishFuzzTest {
    private static final SecureSession SESSION = SessionHandshakes.serverAwaitingClientFinish();
    private static final SecureSession.State STATE = SESSION.state();

    @FuzzTest
    void serverUnwrapsClientFinish(byte[] input) {
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
