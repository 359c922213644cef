package dev.parley.server;

import dev.parley.server.store.EmbeddedStorage;
import dev.parley.server.store.Storage;
import dev.parley.server.store.StorageKeyFile;
import java.nio.file.Files;

/** Opens the embedded SQLite storage in the data directory (storage key in the same place). */
final class EmbeddedStorageOpener implements ParleyServer.StorageOpener {
    static final EmbeddedStorageOpener INSTANCE = new EmbeddedStorageOpener();

    @Override
    public Storage open(ServerConfig config) throws Exception {
        Files.createDirectories(config.dataDir());
        return EmbeddedStorage.open(
                config.dataDir(), StorageKeyFile.loadOrCreate(config.dataDir()));
    }
}
