package dev.parley.server.chat;

import java.time.Instant;
import java.util.List;

/**
 * What the {@link Router} needs from history storage. Blocking: called only on the router's own
 * thread, never on an event loop. Implementations need not be thread-safe beyond that.
 */
public interface RoomHistory {
    /** Stores one message and returns it with its assigned id. */
    ChatLine append(String room, String sender, String text, Instant timestamp)
            throws HistoryUnavailableException;

    /** Up to {@code limit} most recent messages of {@code room}, oldest first. */
    List<ChatLine> latest(String room, int limit) throws HistoryUnavailableException;

    /** Up to {@code limit} messages older than {@code beforeId}, oldest first. */
    List<ChatLine> before(String room, long beforeId, int limit) throws HistoryUnavailableException;

    /** Storage failed; the message says what, never the content. */
    final class HistoryUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public HistoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
