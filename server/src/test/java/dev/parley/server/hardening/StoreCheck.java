package dev.parley.server.hardening;

import dev.parley.server.store.EmbeddedStorage;
import dev.parley.server.store.StorageException;
import dev.parley.server.store.StorageKeyFile;
import dev.parley.server.store.StoredMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a stopped server's data directory directly (the server must not be running): every history
 * record of a room, integrity-checked by the store, and identity lookups.
 */
final class StoreCheck {
    private StoreCheck() {}

    /** Every stored message of {@code room}, oldest first; throws if any record fails its check. */
    static List<StoredMessage> history(Path dataDir, String room) throws StorageException {
        if (!Files.exists(dataDir.resolve(StorageKeyFile.FILE_NAME))) {
            throw new IllegalStateException("no storage key in " + dataDir);
        }
        try (EmbeddedStorage s =
                EmbeddedStorage.open(dataDir, StorageKeyFile.loadOrCreate(dataDir))) {
            List<StoredMessage> all = new ArrayList<>();
            long after = 0;
            for (int page = 0; page < 100_000; page++) {
                List<StoredMessage> p = s.history().after(room, after, 500);
                if (p.isEmpty()) {
                    break;
                }
                all.addAll(p);
                after = p.get(p.size() - 1).id();
            }
            return all;
        }
    }

    /** The stored key of each name (absent names are missing from the map). */
    static Map<String, byte[]> bindings(Path dataDir, Iterable<String> names)
            throws StorageException {
        Map<String, byte[]> found = new java.util.HashMap<>();
        try (EmbeddedStorage s =
                EmbeddedStorage.open(dataDir, StorageKeyFile.loadOrCreate(dataDir))) {
            for (String n : names) {
                Optional<byte[]> k = s.identities().find(n);
                k.ifPresent(bytes -> found.put(n, bytes));
            }
        }
        return found;
    }
}
