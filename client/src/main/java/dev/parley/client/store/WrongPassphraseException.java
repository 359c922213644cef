package dev.parley.client.store;

/** The passphrase does not open the local key file. Nothing on disk was changed. */
public final class WrongPassphraseException extends Exception {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}
