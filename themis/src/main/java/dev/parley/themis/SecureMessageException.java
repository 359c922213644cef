package dev.parley.themis;

/** A Secure Message is malformed, not authentic, or not for these keys. */
public final class SecureMessageException extends ThemisException {
    private static final long serialVersionUID = 1L;

    public SecureMessageException(String message) {
        super(message);
    }
}
