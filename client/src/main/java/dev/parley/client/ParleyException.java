package dev.parley.client;

/** A Parley client operation failed (connection, handshake, trust). Messages never hold secrets. */
public class ParleyException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParleyException(String message) {
        super(message);
    }

    public ParleyException(String message, Throwable cause) {
        super(message, cause);
    }
}
