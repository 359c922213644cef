package dev.parley.client;

/**
 * The connection dropped or was closed before the server answered. For a message this means it may
 * or may not have been delivered; look for it in the room's history after reconnecting.
 */
public final class ConnectionLostException extends ParleyException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message) {
        super(message);
    }
}
