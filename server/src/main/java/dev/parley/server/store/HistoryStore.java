package dev.parley.server.store;

import java.util.List;

/**
 * Room history, and direct-message history under a conversation key such as {@code @alice|bob}
 * (names sorted). A conversation is any non-empty string.
 *
 * <p>Thread-safe. Blocking (disk or network I/O): never call on a Netty event loop. Every returned
 * list is immutable and ordered oldest first (ascending id). {@code limit} must be positive ({@link
 * IllegalArgumentException} otherwise); implementations may cap it. A record that fails its
 * integrity check is never returned: the call throws {@link StorageException}.
 */
public interface HistoryStore {
    /**
     * Appends a message and assigns it the next id of its conversation (strictly greater than every
     * id already stored there; the first is 1). Atomic: after a crash the record is either fully
     * there or absent.
     */
    StoredMessage append(String conversation, String sender, String text, long timestampMillis)
            throws StorageException;

    /** The newest {@code limit} messages, oldest first. */
    List<StoredMessage> latest(String conversation, int limit) throws StorageException;

    /**
     * Up to {@code limit} messages with id &lt; {@code beforeId}, the newest of those, oldest
     * first.
     */
    List<StoredMessage> before(String conversation, long beforeId, int limit)
            throws StorageException;

    /**
     * Up to {@code limit} messages with id &gt; {@code afterId}, the oldest of those, oldest first
     * (catch-up).
     */
    List<StoredMessage> after(String conversation, long afterId, int limit) throws StorageException;
}
