package dev.parley.themis;

/**
 * Base of the checked exceptions that mean "this input is not authentic or not well-formed".
 *
 * <p>Each cryptosystem has its own subclass, so callers can catch exactly the failures of the
 * operation they called. Messages never contain key material or plaintext.
 */
public abstract class ThemisException extends Exception {
    private static final long serialVersionUID = 1L;

    protected ThemisException(String message) {
        super(message);
    }

    protected ThemisException(String message, Throwable cause) {
        super(message, cause);
    }
}
