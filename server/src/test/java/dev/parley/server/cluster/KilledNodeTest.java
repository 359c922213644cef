package dev.parley.server.cluster;

import static dev.parley.server.cluster.ClusterNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.ServerEvent;
import dev.parley.server.testing.ChatClient;
import dev.parley.themis.KeyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in its own JVM is killed with SIGKILL: its user is reported gone on the other nodes once
 * its presence expires, and the user's client reconnects to another node and catches up with
 * nothing lost or duplicated.
 */
@Timeout(120)
class KilledNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir static Path dir;
    static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.startEphemeral(dir.resolve("redis"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void clientsOfAKilledNodeReconnectElsewhereAndMissNothing() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes(dir.resolve("nodes"), redis.uri(0));
                NodeProcess doomed = cluster.startNodeProcess("doomed")) {
            cluster.startNode();
            cluster.startNode();
            KeyPair jonKeys = KeyPair.generate();
            ChatClient kim = cluster.v2(0, "kim", KeyPair.generate());
            ChatClient jon = cluster.v2At(doomed.port(), "jon", jonKeys);
            awaitMembers(kim, "jon", "kim");
            for (int i = 1; i <= 10; i++) {
                kim.send(new ClientEvent.Send("k" + i, "main", "before " + i));
            }
            List<ServerEvent.Message> seen = new ArrayList<>();
            while (seen.size() < 10) {
                ServerEvent.Message m = jon.awaitEvent(ServerEvent.Message.class, x -> true, WAIT);
                assertThat(m).isNotNull();
                seen.add(m);
            }

            doomed.kill();
            assertThat(jon.awaitClose(WAIT)).as("jon's socket drops").isNotNull();
            for (int i = 1; i <= 20; i++) {
                kim.send(new ClientEvent.Send("m" + i, "main", "missed " + i));
            }
            assertThat(
                            kim.awaitEvent(
                                    ServerEvent.Left.class,
                                    l -> l.name().equals("jon"),
                                    Duration.ofMillis(ClusterPresence.EXPIRY_MILLIS + 6000)))
                    .as("kim hears that jon left once the dead node's presence expired")
                    .isNotNull();

            ChatClient jonAgain = cluster.v2(1, "jon", jonKeys);
            long lastSeen = seen.get(seen.size() - 1).id();
            ServerEvent.HistoryPage replay =
                    jonAgain.awaitEvent(ServerEvent.HistoryPage.class, p -> true, WAIT);
            assertThat(replay).isNotNull();
            seen.addAll(replay.messages().stream().filter(m -> m.id() > lastSeen).toList());
            kim.send(new ClientEvent.Send("after", "main", "after reconnect"));
            ServerEvent.Message after =
                    jonAgain.awaitEvent(ServerEvent.Message.class, x -> true, WAIT);
            assertThat(after).isNotNull();
            seen.add(after);
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 31; i++) {
                expected.add(i);
            }
            assertThat(seen)
                    .extracting(ServerEvent.Message::id)
                    .containsExactlyElementsOf(expected);
            assertThat(after.text()).isEqualTo("after reconnect");
        }
    }

    private static void awaitMembers(ChatClient c, String... names) {
        boolean ok =
                eventually(
                        WAIT,
                        () -> {
                            c.send(new ClientEvent.Who("main"));
                            ServerEvent.Presence p =
                                    c.awaitEvent(ServerEvent.Presence.class, x -> true, WAIT);
                            return p != null && p.members().equals(List.of(names));
                        });
        assertThat(ok).as("members become %s", List.of(names)).isTrue();
    }
}
