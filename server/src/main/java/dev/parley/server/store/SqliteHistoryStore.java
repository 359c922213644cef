package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * {@link HistoryStore} on the {@code messages} table. Rows hold only a keyed conversation id, the
 * message id and a sealed body ({@link HistoryRecordCodec}); bodies are decrypted after the rows
 * are read, outside the database's locks.
 */
final class SqliteHistoryStore implements HistoryStore {
    /** The most records one call returns, whatever limit is asked for. */
    static final int MAX_LIMIT = 1000;

    private final SqliteDatabase db;
    private final HistoryRecordCodec codec;

    SqliteHistoryStore(SqliteDatabase db, HistoryRecordCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    @Override
    public StoredMessage append(
            String conversation, String sender, String text, long timestampMillis)
            throws StorageException {
        requireConversation(conversation);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        byte[] conversationId = codec.conversationId(conversation);
        return db.write(
                "appending a message",
                false,
                c -> {
                    long id;
                    try (PreparedStatement max =
                            c.prepareStatement(
                                    "SELECT COALESCE(MAX(id), 0) FROM messages WHERE conversation = ?")) {
                        max.setBytes(1, conversationId);
                        try (ResultSet rs = max.executeQuery()) {
                            id = (rs.next() ? rs.getLong(1) : 0) + 1;
                        }
                    }
                    byte[] body = codec.seal(conversation, id, sender, text, timestampMillis);
                    try (PreparedStatement insert =
                            c.prepareStatement(
                                    "INSERT INTO messages (conversation, id, body) VALUES (?, ?, ?)")) {
                        insert.setBytes(1, conversationId);
                        insert.setLong(2, id);
                        insert.setBytes(3, body);
                        insert.executeUpdate();
                    }
                    return new StoredMessage(id, conversation, sender, text, timestampMillis);
                });
    }

    @Override
    public List<StoredMessage> latest(String conversation, int limit) throws StorageException {
        return query(
                conversation,
                "SELECT id, body FROM messages WHERE conversation = ?"
                        + " ORDER BY id DESC LIMIT ?",
                null,
                limit,
                true);
    }

    @Override
    public List<StoredMessage> before(String conversation, long beforeId, int limit)
            throws StorageException {
        return query(
                conversation,
                "SELECT id, body FROM messages WHERE conversation = ? AND id < ?"
                        + " ORDER BY id DESC LIMIT ?",
                beforeId,
                limit,
                true);
    }

    @Override
    public List<StoredMessage> after(String conversation, long afterId, int limit)
            throws StorageException {
        return query(
                conversation,
                "SELECT id, body FROM messages WHERE conversation = ? AND id > ?"
                        + " ORDER BY id ASC LIMIT ?",
                afterId,
                limit,
                false);
    }

    private List<StoredMessage> query(
            String conversation, String sql, Long boundId, int limit, boolean descending)
            throws StorageException {
        requireConversation(conversation);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        int capped = Math.min(limit, MAX_LIMIT);
        byte[] conversationId = codec.conversationId(conversation);
        List<Row> rows =
                db.read("reading history", c -> select(c, sql, conversationId, boundId, capped));
        if (descending) {
            Collections.reverse(rows);
        }
        List<StoredMessage> messages = new ArrayList<>(rows.size());
        for (Row row : rows) {
            messages.add(codec.open(conversation, row.id, row.body));
        }
        return List.copyOf(messages);
    }

    private static List<Row> select(
            Connection c, String sql, byte[] conversationId, Long boundId, int limit)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            p.setBytes(i++, conversationId);
            if (boundId != null) {
                p.setLong(i++, boundId);
            }
            p.setInt(i, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getBytes(2)));
                }
            }
            return rows;
        }
    }

    private static void requireConversation(String conversation) {
        if (Objects.requireNonNull(conversation, "conversation").isEmpty()) {
            throw new IllegalArgumentException("conversation must not be empty");
        }
    }

    private static final class Row {
        final long id;
        final byte[] body;

        Row(long id, byte[] body) {
            this.id = id;
            this.body = body;
        }
    }
}
