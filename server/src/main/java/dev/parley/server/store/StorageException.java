package dev.parley.server.store;

/**
 * A store could not do what was asked: I/O or database failure, a corrupt or tampered record, a
 * storage key that does not match the data, a schema from a newer version. The message is safe to
 * log: it never contains user names, message text or key material.
 */
public final class StorageException extends Exception {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
