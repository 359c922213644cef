package dev.parley.client.store;

import java.util.Objects;

/**
 * One locally stored chat line.
 *
 * @param kind a room message or a direct message
 * @param id the server's message id (0 when the server gave none)
 * @param timestamp Unix millis from the server
 * @param from who wrote it
 * @param to the room (for {@link Kind#ROOM}) or the recipient (for {@link Kind#DIRECT})
 * @param text the message text
 */
public record HistoryEntry(
        Kind kind, long id, long timestamp, String from, String to, String text) {
    public enum Kind {
        ROOM,
        DIRECT
    }

    public HistoryEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        if (id < 0 || timestamp < 0) {
            throw new IllegalArgumentException("id and timestamp must not be negative");
        }
    }

    @Override
    public String toString() {
        return "HistoryEntry[" + kind + ", id=" + id + "]"; // no names or text in logs
    }
}
