package dev.parley.server.cluster;

import static dev.parley.server.cluster.ClusterNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.SymmetricKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that stops heart-beating (crashed) drops out of the others' presence, and its members are
 * reported gone.
 */
@Timeout(60)
class ClusterPresenceTest {
    @TempDir static Path dir;
    static RedisServerProcess redis;
    static RedisClient client;
    static StatefulRedisConnection<String, byte[]> connection;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.startEphemeral(dir);
        client = RedisClient.create(redis.uri(0));
        connection = client.connect(RedisStorage.CODEC);
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void crashedNodeExpiresAndItsMembersAreReportedGone() {
        ClusterCodec codec = new ClusterCodec(SymmetricKey.generate(), "presence");
        List<String> departed = new CopyOnWriteArrayList<>();
        ClusterPresence alive =
                new ClusterPresence(
                        connection.sync(),
                        codec,
                        "alive",
                        (room, name) -> departed.add(room + "/" + name));
        ClusterPresence doomed =
                new ClusterPresence(connection.sync(), codec, "doomed", (room, name) -> {});
        alive.add("main", "amy");
        doomed.add("main", "bob");
        doomed.add("main", "amy"); // amy is on both nodes: she stays
        doomed.add("ops", "bob");
        doomed.tick();
        alive.tick();
        assertThat(alive.isOnlineElsewhere("bob")).isTrue();
        assertThat(alive.namesElsewhere("main")).containsExactly("amy", "bob");
        assertThat(alive.namesElsewhere("ops")).containsExactly("bob");
        assertThat(alive.isOnlineElsewhere("nobody")).isFalse();

        // doomed stops ticking (crash); alive keeps ticking and notices within the expiry
        long started = System.nanoTime();
        assertThat(
                        eventually(
                                Duration.ofMillis(ClusterPresence.EXPIRY_MILLIS + 4000),
                                () -> {
                                    alive.tick();
                                    return !alive.isOnlineElsewhere("bob");
                                }))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThan(Duration.ofMillis(ClusterPresence.EXPIRY_MILLIS - 2500));
        assertThat(departed).containsExactlyInAnyOrder("main/bob", "ops/bob");
        assertThat(alive.namesElsewhere("main")).isEmpty();
        assertThat(connection.sync().smembers(codec.nodesKey()))
                .extracting(String::new)
                .containsExactly("alive");
    }

    @Test
    void aNodesOwnMembersAreNotElsewhereAndWithdrawIsImmediate() {
        ClusterCodec codec = new ClusterCodec(SymmetricKey.generate(), "presence2");
        ClusterPresence a = new ClusterPresence(connection.sync(), codec, "a", (room, name) -> {});
        ClusterPresence b = new ClusterPresence(connection.sync(), codec, "b", (room, name) -> {});
        a.add("main", "amy");
        b.add("main", "bob");
        a.tick();
        b.tick();
        a.refresh(); // a's first tick read the view before b had written
        assertThat(a.namesElsewhere("main")).containsExactly("bob");
        assertThat(b.namesElsewhere("main")).containsExactly("amy");
        assertThat(b.remove("main", "bob")).isTrue();
        b.tick();
        a.refresh();
        assertThat(a.namesElsewhere("main")).isEmpty();
        b.withdraw();
        a.refresh();
        assertThat(connection.sync().exists(codec.nodeKey("b"))).isZero();
    }
}
