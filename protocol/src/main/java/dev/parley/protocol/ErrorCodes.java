package dev.parley.protocol;

/**
 * The error codes a server sends in {@link ServerEvent.Error}. Codes are open-ended strings ({@code
 * [a-z][a-z0-9_]*}, at most 32 chars) so that an older client still decodes a code a newer server
 * invents; clients treat an unknown code like {@link #INTERNAL}.
 */
public final class ErrorCodes {
    /** The event was malformed or not allowed in this state. */
    public static final String BAD_REQUEST = "bad_request";

    /** The sender exceeded its rate limit; the event was dropped. */
    public static final String RATE_LIMITED = "rate_limited";

    /** The text is longer than the announced {@code maxTextLength}. */
    public static final String TOO_LONG = "too_long";

    /** No such room. */
    public static final String UNKNOWN_ROOM = "unknown_room";

    /** No such user (for direct messages). */
    public static final String UNKNOWN_USER = "unknown_user";

    /** The sender is not a member of the room it addressed. */
    public static final String NOT_MEMBER = "not_member";

    /** The action is not permitted for this user. */
    public static final String FORBIDDEN = "forbidden";

    /** The server failed; the event may be retried later. */
    public static final String INTERNAL = "internal";

    private ErrorCodes() {}
}
