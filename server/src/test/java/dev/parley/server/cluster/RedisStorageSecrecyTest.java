package dev.parley.server.cluster;

import static dev.parley.server.cluster.ClusterNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.chat.Bus.BusMessage;
import dev.parley.server.store.Binding;
import dev.parley.server.store.StorageException;
import dev.parley.themis.SymmetricKey;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What Redis holds is sealed and bound to where it is; two nodes share one store safely. */
@Timeout(60)
class RedisStorageSecrecyTest {
    private static final SymmetricKey KEY = SymmetricKey.generate();
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    @TempDir static Path dir;
    static RedisServerProcess redis;
    static RedisClient raw;
    static StatefulRedisConnection<byte[], byte[]> rawConnection;
    String namespace;
    final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.startEphemeral(dir);
        raw = RedisClient.create(redis.uri(0));
        rawConnection = raw.connect(ByteArrayCodec.INSTANCE);
    }

    @AfterAll
    static void stopRedis() {
        if (rawConnection != null) {
            rawConnection.close();
            raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void freshNamespace() {
        namespace = "secrecy-" + NAMESPACES.incrementAndGet();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private RedisStorage open(SymmetricKey key) throws StorageException {
        RedisStorage s = RedisStorage.connect(redis.uri(0), key, namespace, 1000);
        opened.add(s);
        return s;
    }

    @Test
    void redisHoldsNoChatTextRoomNamesOrKeys() throws Exception {
        RedisStorage storage = open(KEY);
        byte[] publicKey = "PUBLIC-KEY-BYTES-0123456789".getBytes(StandardCharsets.US_ASCII);
        storage.identities().bindIfAbsent("alice", publicKey);
        storage.history().append("eagleroom", "alice", "the eagle lands at dawn", 1);
        storage.history().append("@alice|bob", "bob", "private words", 2);
        RedisBus bus = storage.newBus();
        opened.add(bus);
        bus.subscribe(m -> {});
        bus.publish(new BusMessage.Joined("eagleroom", "alice"));
        bus.publish(
                new BusMessage.Direct(
                        "alice", "bob", "meet at the docks", Instant.ofEpochMilli(3)));
        RedisCommands<byte[], byte[]> r = rawConnection.sync();
        assertThat(
                        eventually(
                                Duration.ofSeconds(5),
                                () ->
                                        r.exists(bytes(namespace + ":node:" + bus.nodeId())) == 1
                                                && r.xlen(bytes(namespace + ":events")) == 2))
                .isTrue();

        ByteArrayOutputStream everything = new ByteArrayOutputStream();
        List<byte[]> keys = r.keys(namespace + ":*");
        assertThat(keys).hasSizeGreaterThanOrEqualTo(6);
        for (byte[] k : keys) {
            everything.writeBytes(k);
            switch (r.type(k)) {
                case "string" -> everything.writeBytes(r.get(k));
                case "hash" ->
                        r.hgetall(k)
                                .forEach(
                                        (f, v) -> {
                                            everything.writeBytes(f);
                                            everything.writeBytes(v);
                                        });
                case "set" -> r.smembers(k).forEach(everything::writeBytes);
                case "stream" -> {
                    for (StreamMessage<byte[], byte[]> e : r.xrange(k, Range.create("-", "+"))) {
                        e.getBody().forEach((f, v) -> everything.writeBytes(v));
                    }
                }
                default -> throw new AssertionError("unexpected key type " + r.type(k));
            }
        }
        String dump = new String(everything.toByteArray(), StandardCharsets.ISO_8859_1);
        for (String secret :
                List.of("eagle", "dawn", "private words", "docks", "bob", "PUBLIC-KEY")) {
            assertThat(dump).as("Redis must not hold %s", secret).doesNotContain(secret);
        }
        // the one name in the clear: the identity hash field
        assertThat(dump.split("alice", -1)).hasSize(2);
    }

    @Test
    void anotherClusterKeyReadsNothing() throws Exception {
        RedisStorage storage = open(KEY);
        storage.identities().bindIfAbsent("alice", new byte[] {1, 2, 3});
        storage.history().append("main", "alice", "hello", 1);
        RedisStorage wrong = open(SymmetricKey.generate());
        assertThatThrownBy(() -> wrong.identities().find("alice"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("integrity");
        // the stream key itself is derived from the cluster key: another key looks elsewhere
        assertThat(wrong.history().latest("main", 10)).isEmpty();
    }

    @Test
    void valuesMovedToAnotherNameOrIdAreRejected() throws Exception {
        RedisStorage storage = open(KEY);
        storage.identities().bindIfAbsent("alice", new byte[] {1, 2, 3});
        storage.history().append("main", "alice", "one", 1);
        storage.history().append("main", "alice", "two", 2);
        ClusterCodec codec = new ClusterCodec(KEY, namespace);
        RedisCommands<byte[], byte[]> r = rawConnection.sync();

        byte[] sealedKey = r.hget(bytes(codec.identitiesKey()), bytes("alice"));
        r.hset(bytes(codec.identitiesKey()), bytes("mallory"), sealedKey);
        assertThatThrownBy(() -> storage.identities().find("mallory"))
                .isInstanceOf(StorageException.class);

        byte[] stream = bytes(codec.conversationKey("main"));
        byte[] first =
                r.xrange(stream, Range.create("1-0", "1-0"))
                        .get(0)
                        .getBody()
                        .values()
                        .iterator()
                        .next();
        r.xadd(stream, new io.lettuce.core.XAddArgs().id("3-0"), Map.of(bytes("m"), first));
        assertThatThrownBy(() -> storage.history().latest("main", 10))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("integrity");
        assertThat(storage.history().before("main", 3, 10))
                .extracting(m -> m.text())
                .containsExactly("one", "two");
    }

    @Test
    void twoNodesRacingForNamesHaveExactlyOneWinnerEach() throws Exception {
        RedisStorage[] nodes = {open(KEY), open(KEY)};
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int n = 0; n < 20; n++) {
                String name = "racer" + n;
                List<Future<Binding>> results = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    RedisStorage node = nodes[t % 2];
                    byte[] key = (name + "-" + t).getBytes(StandardCharsets.UTF_8);
                    Callable<Binding> bind = () -> node.identities().bindIfAbsent(name, key);
                    results.add(pool.submit(bind));
                }
                List<Binding> bindings = new ArrayList<>();
                for (Future<Binding> f : results) {
                    bindings.add(f.get(10, TimeUnit.SECONDS));
                }
                assertThat(bindings.stream().filter(Binding::created)).hasSize(1);
                byte[] winner =
                        bindings.stream()
                                .filter(Binding::created)
                                .findFirst()
                                .orElseThrow()
                                .publicKey();
                assertThat(bindings).allSatisfy(b -> assertThat(b.publicKey()).isEqualTo(winner));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void appendsFromTwoNodesGetOneGaplessSequence() throws Exception {
        RedisStorage[] nodes = {open(KEY), open(KEY)};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                RedisStorage node = nodes[t % 2];
                String sender = "w" + t;
                results.add(
                        pool.submit(
                                () -> {
                                    List<Long> ids = new ArrayList<>();
                                    for (int i = 0; i < 50; i++) {
                                        ids.add(
                                                node.history()
                                                        .append("busy", sender, "m" + i, i)
                                                        .id());
                                    }
                                    return ids;
                                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(30, TimeUnit.SECONDS);
                assertThat(mine).isSorted().doesNotHaveDuplicates();
                all.addAll(mine);
            }
            all.sort(null);
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 200; i++) {
                expected.add(i);
            }
            assertThat(all).isEqualTo(expected);
            assertThat(nodes[1].history().after("busy", 0, 1000)).hasSize(200);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
