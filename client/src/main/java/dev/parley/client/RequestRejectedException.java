package dev.parley.client;

/**
 * The server refused a request that has no message id to acknowledge (join, leave, who, history).
 * Refused messages are not exceptions: see {@link SendResult}.
 */
public final class RequestRejectedException extends ParleyException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public RequestRejectedException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** The server's error code, e.g. {@code not_member}. */
    public String code() {
        return code;
    }
}
