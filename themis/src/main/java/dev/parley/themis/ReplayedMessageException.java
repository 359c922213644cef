package dev.parley.themis;

/**
 * An authentic data message whose sequence number was already accepted, or is older than the replay
 * window: a replay or a stale copy. Thrown only when strict anti-replay is on (the default); Themis
 * itself would accept it.
 */
public final class ReplayedMessageException extends SecureSessionException {
    private static final long serialVersionUID = 1L;

    public ReplayedMessageException(String message) {
        super(message);
    }
}
