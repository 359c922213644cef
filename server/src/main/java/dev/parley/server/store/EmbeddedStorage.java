package dev.parley.server.store;

import dev.parley.themis.SymmetricKey;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Single-node {@link Storage}: one SQLite file, {@value #DATABASE_FILE}, in the data directory (WAL
 * mode; see {@link SqliteDatabase} for the durability choices). Identity keys are stored as-is;
 * history bodies (sender, text and timestamp) are sealed with Secure Cell under the storage key,
 * bound to their conversation and id (see {@link HistoryRecordCodec}).
 *
 * <p>Thread-safe. All calls block on disk I/O: keep them off event loops.
 */
public final class EmbeddedStorage implements Storage {
    public static final String DATABASE_FILE = "parley.db";

    private final SqliteDatabase db;
    private final SqliteIdentityStore identities;
    private final SqliteHistoryStore history;

    private EmbeddedStorage(SqliteDatabase db, HistoryRecordCodec codec) {
        this.db = db;
        this.identities = new SqliteIdentityStore(db);
        this.history = new SqliteHistoryStore(db, codec);
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir}.
     *
     * @param storageKey the key that seals history, e.g. from {@link StorageKeyFile#loadOrCreate}
     * @throws StorageException if the file cannot be opened or created, its schema is newer than
     *     this code, or it was created with another storage key
     */
    public static EmbeddedStorage open(Path dataDir, SymmetricKey storageKey)
            throws StorageException {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(storageKey, "storageKey");
        HistoryRecordCodec codec = new HistoryRecordCodec(storageKey);
        SqliteDatabase db = SqliteDatabase.open(dataDir.resolve(DATABASE_FILE));
        try {
            db.write(
                    "preparing the schema",
                    true,
                    c -> {
                        SqliteSchema.migrate(c, codec);
                        return null;
                    });
        } catch (StorageException | RuntimeException e) {
            try {
                db.close();
            } catch (StorageException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new EmbeddedStorage(db, codec);
    }

    @Override
    public IdentityStore identities() {
        return identities;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    /** Closes the database after running calls finish; idempotent. */
    @Override
    public void close() throws StorageException {
        db.close();
    }
}
