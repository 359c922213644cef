package dev.parley.server.store;

import dev.parley.themis.SymmetricKey;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHistoryStoreTest extends HistoryStoreContract {
    private static final SymmetricKey KEY = SymmetricKey.generate();

    @TempDir Path dataDir;
    private EmbeddedStorage storage;

    @Override
    protected HistoryStore createStore() throws Exception {
        storage = EmbeddedStorage.open(dataDir, KEY);
        return storage.history();
    }

    @Override
    protected HistoryStore reopenStore() throws Exception {
        storage.close();
        return createStore();
    }

    @Override
    protected void closeStore() throws Exception {
        storage.close();
    }
}
