package dev.parley.server.cluster;

import dev.parley.server.store.HistoryStore;
import dev.parley.server.store.IdentityStore;
import dev.parley.server.store.Storage;
import dev.parley.server.store.StorageException;
import dev.parley.themis.SymmetricKey;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@link Storage} shared by every node of a cluster through one Redis database: identities in a
 * hash (HSETNX decides races), history in one bounded stream per conversation (see {@link
 * RedisHistoryStore}). Every value is sealed under the cluster key ({@link ClusterCodec}).
 *
 * <p>Owns the Lettuce client: {@link RedisBus} instances made with {@link #newBus} borrow it and
 * must be closed first. Store calls are synchronous (Lettuce's sync API) and fail fast with {@link
 * StorageException} while Redis is unreachable (commands are rejected, not queued); Lettuce
 * reconnects on its own. Thread-safe.
 */
public final class RedisStorage implements Storage {
    /** Key prefix when none is given. */
    public static final String DEFAULT_NAMESPACE = "parley";

    /** Entries kept per conversation stream (approximately: XADD MAXLEN ~). */
    public static final long DEFAULT_HISTORY_LENGTH = 10_000;

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final ClientResources resources;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ClusterCodec codec;
    private final RedisIdentityStore identities;
    private final RedisHistoryStore history;
    private volatile boolean closed;

    private RedisStorage(
            RedisClient client,
            ClientResources resources,
            StatefulRedisConnection<String, byte[]> connection,
            ClusterCodec codec,
            long historyLength) {
        this.client = client;
        this.resources = resources;
        this.connection = connection;
        this.codec = codec;
        this.identities = new RedisIdentityStore(this, connection.sync(), codec);
        this.history = new RedisHistoryStore(this, connection.sync(), codec, historyLength);
    }

    /**
     * Connects to {@code redisUri} ({@code redis://host:port[/db]}).
     *
     * @param namespace prefix of every key (lets several clusters share one database)
     * @throws StorageException if Redis cannot be reached or the URI is invalid
     */
    public static RedisStorage connect(
            String redisUri, SymmetricKey clusterKey, String namespace, long historyLength)
            throws StorageException {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(clusterKey, "clusterKey");
        if (historyLength < 1) {
            throw new IllegalArgumentException("historyLength must be positive");
        }
        ClusterCodec codec = new ClusterCodec(clusterKey, namespace);
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUri);
        } catch (RuntimeException e) {
            throw new StorageException("invalid Redis URI (expected redis://host:port[/db])");
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        // reconnect quickly after a Redis restart: exponential back-off from 10 ms, at most 1 s
        // apart
        ClientResources resources =
                DefaultClientResources.builder()
                        .reconnectDelay(
                                Delay.exponential(
                                        Duration.ofMillis(10),
                                        Duration.ofSeconds(1),
                                        2,
                                        TimeUnit.MILLISECONDS))
                        .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(
                ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                        .build());
        try {
            StatefulRedisConnection<String, byte[]> c = client.connect(CODEC);
            return new RedisStorage(client, resources, c, codec, historyLength);
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new StorageException(
                    "cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
    }

    static final RedisCodec<String, byte[]> CODEC =
            RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    @Override
    public IdentityStore identities() {
        return identities;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    /** A bus for one node on this storage's Redis; close it before this storage. */
    public RedisBus newBus() throws StorageException {
        check();
        return RedisBus.start(client, codec);
    }

    void check() throws StorageException {
        if (closed) {
            throw new StorageException("storage is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
