package dev.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/** {@link IdentityStore} on the {@code identities} table; bindings are written durably. */
final class SqliteIdentityStore implements IdentityStore {
    /** Far above a Themis public key (45 bytes); bounds what a caller can make us store. */
    static final int MAX_KEY_BYTES = 4096;

    private final SqliteDatabase db;

    SqliteIdentityStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Binding bindIfAbsent(String name, byte[] publicKey) throws StorageException {
        requireName(name);
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length == 0 || publicKey.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "publicKey must be 1 to " + MAX_KEY_BYTES + " bytes");
        }
        byte[] key = publicKey.clone();
        return db.write(
                "binding an identity",
                true,
                c -> {
                    try (PreparedStatement insert =
                            c.prepareStatement(
                                    "INSERT INTO identities (name, public_key, created_at) VALUES (?, ?, ?)"
                                            + " ON CONFLICT (name) DO NOTHING")) {
                        insert.setString(1, name);
                        insert.setBytes(2, key);
                        insert.setLong(3, System.currentTimeMillis());
                        if (insert.executeUpdate() == 1) {
                            return new Binding(true, key);
                        }
                    }
                    try (PreparedStatement select =
                            c.prepareStatement(
                                    "SELECT public_key FROM identities WHERE name = ?")) {
                        select.setString(1, name);
                        try (ResultSet rs = select.executeQuery()) {
                            if (!rs.next()) {
                                throw new StorageException("identity vanished during binding");
                            }
                            return new Binding(false, rs.getBytes(1));
                        }
                    }
                });
    }

    @Override
    public Optional<byte[]> find(String name) throws StorageException {
        requireName(name);
        return db.read(
                "finding an identity",
                c -> {
                    try (PreparedStatement select =
                            c.prepareStatement(
                                    "SELECT public_key FROM identities WHERE name = ?")) {
                        select.setString(1, name);
                        try (ResultSet rs = select.executeQuery()) {
                            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                        }
                    }
                });
    }

    private static void requireName(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        HistoryRecordCodec.utf8(name, "name"); // rejects unpaired surrogates
    }
}
