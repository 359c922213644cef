package dev.parley.server.cluster;

import dev.parley.server.store.IdentityStore;
import dev.parley.server.store.IdentityStoreContract;
import dev.parley.themis.SymmetricKey;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The identity contract on Redis; each test gets its own key namespace in one redis-server. */
class RedisIdentityStoreTest extends IdentityStoreContract {
    private static final SymmetricKey KEY = SymmetricKey.generate();
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    @TempDir static Path redisDir;
    static RedisServerProcess redis;
    private String namespace;
    private RedisStorage storage;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.startEphemeral(redisDir);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected IdentityStore createStore() throws Exception {
        namespace = "identity-test-" + NAMESPACES.incrementAndGet();
        return open();
    }

    private IdentityStore open() throws Exception {
        storage =
                RedisStorage.connect(
                        redis.uri(0), KEY, namespace, RedisStorage.DEFAULT_HISTORY_LENGTH);
        return storage.identities();
    }

    @Override
    protected IdentityStore reopenStore() throws Exception {
        storage.close();
        return open();
    }

    @Override
    protected void closeStore() {
        storage.close();
    }
}
