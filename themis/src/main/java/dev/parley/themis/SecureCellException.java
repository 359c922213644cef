package dev.parley.themis;

/**
 * A Secure Cell could not be decrypted: wrong key, passphrase or context, tampered or truncated
 * data, or a malformed token. Deliberately does not say which.
 */
public final class SecureCellException extends ThemisException {
    private static final long serialVersionUID = 1L;

    public SecureCellException(String message) {
        super(message);
    }
}
