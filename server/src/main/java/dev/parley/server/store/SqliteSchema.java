package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema of {@code parley.db}, versioned with SQLite's {@code user_version}.
 *
 * <pre>
 * version 1:
 *   identities(name TEXT PK, public_key BLOB, created_at INTEGER)   public data, stored as-is
 *   messages(conversation BLOB, id INTEGER, body BLOB, PK(conversation, id))
 *       conversation and body as described in {@link HistoryRecordCodec}
 *   meta(key TEXT PK, value BLOB)    'key_check': a sealed constant that detects a wrong key
 * </pre>
 */
final class SqliteSchema {
    static final int VERSION = 1;

    private SqliteSchema() {}

    /** Creates or checks the schema; run inside the writer's transaction. */
    static void migrate(Connection c, HistoryRecordCodec codec)
            throws SQLException, StorageException {
        int version = userVersion(c);
        if (version > VERSION) {
            throw new StorageException(
                    "database schema version "
                            + version
                            + " is newer than this server supports ("
                            + VERSION
                            + ")");
        }
        if (version == 0) {
            create(c, codec);
        }
        verifyKey(c, codec);
    }

    private static void create(Connection c, HistoryRecordCodec codec) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE identities ("
                            + " name TEXT NOT NULL PRIMARY KEY,"
                            + " public_key BLOB NOT NULL,"
                            + " created_at INTEGER NOT NULL) WITHOUT ROWID");
            s.execute(
                    "CREATE TABLE messages ("
                            + " conversation BLOB NOT NULL,"
                            + " id INTEGER NOT NULL,"
                            + " body BLOB NOT NULL,"
                            + " PRIMARY KEY (conversation, id)) WITHOUT ROWID");
            s.execute(
                    "CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
        }
        try (PreparedStatement p =
                c.prepareStatement("INSERT INTO meta (key, value) VALUES ('key_check', ?)")) {
            p.setBytes(1, codec.keyCheck());
            p.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + VERSION);
        }
    }

    private static void verifyKey(Connection c, HistoryRecordCodec codec)
            throws SQLException, StorageException {
        try (PreparedStatement p =
                        c.prepareStatement("SELECT value FROM meta WHERE key = 'key_check'");
                ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                throw new StorageException("database has no storage key check record");
            }
            if (!codec.verifyKeyCheck(rs.getBytes(1))) {
                throw new StorageException("storage key does not match this database");
            }
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
