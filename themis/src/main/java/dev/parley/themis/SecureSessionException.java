package dev.parley.themis;

/**
 * A Secure Session message was rejected: malformed, not authentic, unexpected in the current state,
 * or from a peer whose key could not be found. The session stays in the state it was in; a server
 * should drop the connection.
 */
public class SecureSessionException extends ThemisException {
    private static final long serialVersionUID = 1L;

    public SecureSessionException(String message) {
        super(message);
    }

    public SecureSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
