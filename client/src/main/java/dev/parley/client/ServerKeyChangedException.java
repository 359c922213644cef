package dev.parley.client;

/**
 * The server presented a key other than the one pinned for it. This may be an attack (someone in
 * the middle) or a re-installed server; the client refuses to connect either way, as ssh does,
 * until the pin is changed by hand.
 */
public final class ServerKeyChangedException extends ParleyException {
    private static final long serialVersionUID = 1L;
    private final String server;
    private final String pinnedFingerprint;
    private final String offeredFingerprint;

    /**
     * @param offeredFingerprint the fingerprint of the key the server offers now, or null if it
     *     could not be learned (the server failed the handshake for the pinned key and does not
     *     publish its key)
     * @param where the file holding the pin, or null if the key was given directly
     */
    public ServerKeyChangedException(
            String server, String pinnedFingerprint, String offeredFingerprint, String where) {
        super(
                "WARNING: THE KEY OF SERVER "
                        + server
                        + " HAS CHANGED! Someone may be intercepting this connection. "
                        + "Pinned key "
                        + pinnedFingerprint
                        + ", "
                        + (offeredFingerprint == null
                                ? "but the server cannot prove it holds that key"
                                : "offered key " + offeredFingerprint)
                        + ". Refusing to connect."
                        + (where == null
                                ? ""
                                : " If the change is expected, remove the line for "
                                        + server
                                        + " from "
                                        + where
                                        + "."));
        this.server = server;
        this.pinnedFingerprint = pinnedFingerprint;
        this.offeredFingerprint = offeredFingerprint;
    }

    public String server() {
        return server;
    }

    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    /** Null if the server's current key is unknown. */
    public String offeredFingerprint() {
        return offeredFingerprint;
    }
}
