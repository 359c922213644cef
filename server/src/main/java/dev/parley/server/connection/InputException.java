package dev.parley.server.connection;

/** A frame the server refuses; carries the close reason. Never carries the frame's content. */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient CloseReason reason;

    public InputException(CloseReason reason) {
        super(reason.text(), null, false, false);
        this.reason = reason;
    }

    public CloseReason reason() {
        return reason;
    }
}
