package dev.parley.protocol;

/**
 * Input does not follow the Parley protocol: malformed JSON, an unknown event type, a field that is
 * missing or out of range, a bad v1 frame or command.
 *
 * <p>The message is a short human reason that is safe to show to the peer and to log: it never
 * contains the offending input itself (user names, message text, key bytes).
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String reason) {
        super(reason);
    }

    public ProtocolException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
