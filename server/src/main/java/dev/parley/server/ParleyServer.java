package dev.parley.server;

import dev.parley.server.chat.Bus;
import dev.parley.server.chat.LocalBus;
import dev.parley.server.chat.Router;
import dev.parley.server.chat.StoredRoomHistory;
import dev.parley.server.cluster.ClusterKeyFile;
import dev.parley.server.cluster.RedisStorage;
import dev.parley.server.connection.CloseReason;
import dev.parley.server.connection.Connection;
import dev.parley.server.connection.ConnectionContext;
import dev.parley.server.connection.Dialect;
import dev.parley.server.connection.V1Dialect;
import dev.parley.server.connection.V2Dialect;
import dev.parley.server.identity.AuthorizedKeys;
import dev.parley.server.identity.NamePolicy;
import dev.parley.server.identity.ServerKeys;
import dev.parley.server.identity.StoredBindings;
import dev.parley.server.identity.TofuPolicy;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.netty.NettyServer;
import dev.parley.server.store.Storage;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley chat server: WebSocket (v1 tutorial protocol and v2) plus {@code /healthz} and {@code
 * /metrics} on one port.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once (idempotent) for a graceful shutdown:
 * stop accepting, send every client a 1001 close frame, drain the router, close the stores.
 * Thread-safe.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);

    /** Opens the server's storage; the default is the embedded SQLite store in the data dir. */
    @FunctionalInterface
    public interface StorageOpener {
        Storage open(ServerConfig config) throws Exception;
    }

    private final ServerConfig config;
    private final StorageOpener storageOpener;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private KeyPair keys;
    private Storage storage;
    private ExecutorService routerThread;
    private ThreadPoolExecutor handshakePool;
    private Bus bus;
    private NettyServer netty;

    /** A server with embedded storage in {@link ServerConfig#dataDir()}. */
    public ParleyServer(ServerConfig config) {
        this(config, EmbeddedStorageOpener.INSTANCE);
    }

    public ParleyServer(ServerConfig config, StorageOpener storageOpener) {
        this.config = Objects.requireNonNull(config, "config");
        this.storageOpener = Objects.requireNonNull(storageOpener, "storageOpener");
    }

    /**
     * Loads or creates the server key, opens storage and binds the port.
     *
     * @return the bound port (useful with port 0); fails if any step fails
     */
    public synchronized CompletableFuture<Integer> start() {
        if (netty != null) {
            throw new IllegalStateException("already started");
        }
        try {
            keys = ServerKeys.loadOrCreate(config.keyFile(), config.dataDir());
            if (config.redis() != null) { // cluster mode: storage and bus through Redis
                RedisStorage redis =
                        RedisStorage.connect(
                                config.redis().uri(),
                                ClusterKeyFile.load(config.clusterKeyFile()),
                                RedisStorage.DEFAULT_NAMESPACE,
                                RedisStorage.DEFAULT_HISTORY_LENGTH);
                storage = redis;
                bus = redis.newBus();
            } else {
                storage = storageOpener.open(config);
                bus = new LocalBus();
            }
            NamePolicy policy =
                    switch (config.identityPolicy()) {
                        case TOFU -> new TofuPolicy(new StoredBindings(storage.identities()));
                        case OPEN -> NamePolicy.open();
                        case CLOSED ->
                                NamePolicy.closed(AuthorizedKeys.load(config.authorizedKeys()));
                    };
            routerThread = Executors.newSingleThreadExecutor(named("parley-router"));
            handshakePool =
                    new ThreadPoolExecutor(
                            config.handshakeWorkers(),
                            config.handshakeWorkers(),
                            0,
                            TimeUnit.MILLISECONDS,
                            new ArrayBlockingQueue<>(config.handshakeQueueLimit()),
                            named("parley-handshake"),
                            new ThreadPoolExecutor.AbortPolicy());
            Router router =
                    new Router(
                            routerThread,
                            bus,
                            new StoredRoomHistory(storage.history()),
                            config.historyReplay(),
                            config.maxMessageBytes(),
                            Clock.systemUTC());
            ConnectionContext ctx =
                    new ConnectionContext(
                            config, keys.privateKey(), policy, router, metrics, handshakePool);
            int maxText = config.maxMessageBytes();
            netty =
                    new NettyServer(
                            config,
                            ctx,
                            sub ->
                                    V2Dialect.SUBPROTOCOL.equals(sub)
                                            ? (Dialect) new V2Dialect(maxText)
                                            : new V1Dialect(),
                            () -> running,
                            live::add,
                            live::remove);
        } catch (Exception e) {
            releaseResources();
            return CompletableFuture.failedFuture(e);
        }
        running = true;
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        netty.bind()
                .whenComplete(
                        (port, err) -> {
                            if (err == null) {
                                log.info(
                                        "listening on {}:{} ({} identities)",
                                        config.host(),
                                        port,
                                        config.identityPolicy());
                                bound.complete(port);
                            } else {
                                // release on another thread: this callback runs on an event loop
                                // being shut down
                                new Thread(
                                                () -> {
                                                    close();
                                                    bound.completeExceptionally(err);
                                                },
                                                "parley-start-failed")
                                        .start();
                            }
                        });
        return bound;
    }

    /** The server's long-term public key (after {@link #start()}). */
    public PublicKey publicKey() {
        return keys.publicKey();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful shutdown; blocks up to about {@link ServerConfig#shutdownGrace()} plus store
     * closing.
     */
    @Override
    public synchronized void close() {
        if (netty == null) {
            return;
        }
        running = false;
        netty.stopAccepting();
        for (Connection c : live) {
            c.requestClose(CloseReason.SHUTDOWN);
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        netty.shutdown();
        netty = null;
        releaseResources();
        log.info("stopped");
    }

    private void releaseResources() {
        if (handshakePool != null) {
            handshakePool.shutdownNow();
        }
        if (routerThread != null) {
            routerThread.shutdown();
            try {
                routerThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (bus != null) {
            bus.close();
        }
        if (storage != null) {
            try {
                storage.close();
            } catch (Exception e) {
                log.warn("closing storage failed: {}", e.getMessage());
            }
            storage = null;
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
