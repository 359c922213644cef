package dev.parley.client;

/** Where a {@link ParleyConnection} is in its life. */
public enum ConnectionState {
    /** Opening the socket and running the Secure Session handshake for the first time. */
    CONNECTING,
    /** Handshake done, welcome received: requests go straight out. */
    CONNECTED,
    /** The socket dropped; retrying with jittered backoff. Sends queue until reconnected. */
    RECONNECTING,
    /**
     * Closed by {@link ParleyConnection#close()}, or a fatal error (e.g. changed server key).
     * Final.
     */
    CLOSED
}
