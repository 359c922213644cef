package dev.parley.themis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;

/**
 * Secure Session: a client that sent m1 unwrapping an attacker's m2. Only {@link
 * SecureSessionException}, the session stays where it was, and m2 is signed over both ephemeral
 * keys, so no input can be accepted (an accepted input is a finding).
 */
class SessionServerHelloFuzzTest {
    private static final SecureSession SESSION = SessionHandshakes.clientAwaitingServerHello();
    private static final SecureSession.State STATE = SESSION.state();

    @FuzzTest
    void clientUnwrapsServerHello(byte[] input) {
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
