package dev.parley.server.store;

import dev.parley.themis.SymmetricKey;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedIdentityStoreTest extends IdentityStoreContract {
    private static final SymmetricKey KEY = SymmetricKey.generate();

    @TempDir Path dataDir;
    private EmbeddedStorage storage;

    @Override
    protected IdentityStore createStore() throws Exception {
        storage = EmbeddedStorage.open(dataDir, KEY);
        return storage.identities();
    }

    @Override
    protected IdentityStore reopenStore() throws Exception {
        storage.close();
        return createStore();
    }

    @Override
    protected void closeStore() throws Exception {
        storage.close();
    }
}
