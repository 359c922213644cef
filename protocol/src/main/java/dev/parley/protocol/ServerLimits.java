package dev.parley.protocol;

/**
 * Limits a server announces in {@link ServerEvent.Welcome}; each is at most the protocol's hard
 * limit in {@link Limits}.
 *
 * @param maxTextLength longest message text the server accepts, in code points
 * @param maxHistoryLimit largest {@code limit} of a history request
 */
public record ServerLimits(int maxTextLength, int maxHistoryLimit) {
    /** The protocol's hard limits. */
    public static final ServerLimits PROTOCOL_MAXIMUM =
            new ServerLimits(Limits.MAX_TEXT_CODE_POINTS, Limits.MAX_HISTORY_LIMIT);

    public ServerLimits {
        Fields.inRange(maxTextLength, 1, Limits.MAX_TEXT_CODE_POINTS, "maxTextLength");
        Fields.inRange(maxHistoryLimit, 1, Limits.MAX_HISTORY_LIMIT, "maxHistoryLimit");
    }
}
