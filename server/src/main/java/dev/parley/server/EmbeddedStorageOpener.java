package dev.parley.server;

import dev.parley.server.store.Storage;

/** Opens the embedded SQLite storage in the data directory (storage key in the same place). */
final class EmbeddedStorageOpener implements ParleyServer.StorageOpener {
    static final EmbeddedStorageOpener INSTANCE = new EmbeddedStorageOpener();

    @Override
    public Storage open(ServerConfig config) throws Exception {
        throw new UnsupportedOperationException("embedded storage not merged yet");
    }
}
