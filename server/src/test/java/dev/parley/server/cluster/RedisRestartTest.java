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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis (with an fsync-always append-only file) is killed and restarted while a client keeps
 * sending: the nodes reconnect on their own, sends during the outage are refused (never
 * acknowledged and lost), and the receiver on the other node gets every stored message once.
 */
@Timeout(120)
class RedisRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MESSAGES = 60;
    @TempDir static Path dir;
    static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.startPersistent(dir.resolve("redis"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void nodesRecoverFromARedisRestartUnderLoadAndLoseNothing() throws Exception {
        try (ClusterNodes cluster = new ClusterNodes(dir.resolve("nodes"), redis.uri(0))) {
            cluster.startNode();
            cluster.startNode();
            ChatClient sam = cluster.v2(0, "sam", KeyPair.generate());
            ChatClient rex = cluster.v2(1, "rex", KeyPair.generate());
            awaitMembers(sam, "sam", "rex");

            AtomicReference<Throwable> restartFailure = new AtomicReference<>();
            Thread restarter = null;
            List<Long> acked = new ArrayList<>();
            int refusals = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int i = 1; i <= MESSAGES; i++) {
                if (i == 20) {
                    restarter =
                            new Thread(
                                    () -> {
                                        try {
                                            redis.stop();
                                            Thread.sleep(1500);
                                            redis.start();
                                        } catch (Throwable t) {
                                            restartFailure.set(t);
                                        }
                                    });
                    restarter.start();
                }
                for (int attempt = 0; ; attempt++) {
                    assertThat(System.nanoTime())
                            .as("message %d acknowledged in time", i)
                            .isLessThan(deadline);
                    String clientId = "s" + i + "-" + attempt;
                    sam.send(new ClientEvent.Send(clientId, "main", "load " + i));
                    ServerEvent answer =
                            sam.awaitEvent(ServerEvent.class, e -> isAnswerTo(e, clientId), WAIT);
                    assertThat(answer).as("answer to %s", clientId).isNotNull();
                    if (answer instanceof ServerEvent.Ack a) {
                        acked.add(a.id());
                        break;
                    }
                    refusals++;
                    assertThat(((ServerEvent.Error) answer).code()).isEqualTo("internal");
                    Thread.sleep(100);
                }
                Thread.sleep(20);
            }
            restarter.join(WAIT.toMillis());
            assertThat(restartFailure.get()).isNull();
            assertThat(refusals).as("sends refused while Redis was down").isPositive();

            List<ServerEvent.Message> received = new ArrayList<>();
            Set<String> texts = new HashSet<>();
            while (received.size() < acked.size()) {
                ServerEvent.Message m = rex.awaitEvent(ServerEvent.Message.class, x -> true, WAIT);
                assertThat(m)
                        .as("message %d of %d at the receiver", received.size() + 1, acked.size())
                        .isNotNull();
                received.add(m);
                texts.add(m.text());
            }
            assertThat(received)
                    .extracting(ServerEvent.Message::id)
                    .containsExactlyElementsOf(acked);
            assertThat(acked).isSorted().doesNotHaveDuplicates();
            // every text arrived; a send whose reply was lost in the crash may have been stored and
            // retried
            assertThat(texts).hasSize(MESSAGES);
            assertThat(received.size()).isLessThanOrEqualTo(MESSAGES + 1);

            // recovered: presence, new connections with the stored identities, history
            awaitMembers(rex, "rex", "sam");
            ChatClient late = cluster.v2(1, "late", KeyPair.generate());
            ServerEvent.HistoryPage replay =
                    late.awaitEvent(ServerEvent.HistoryPage.class, p -> true, WAIT);
            assertThat(replay.messages()).isNotEmpty();
            assertThat(replay.messages().get(replay.messages().size() - 1).text())
                    .isEqualTo("load " + MESSAGES);
        }
    }

    private static boolean isAnswerTo(ServerEvent e, String clientId) {
        return (e instanceof ServerEvent.Ack a && a.clientMsgId().equals(clientId))
                || (e instanceof ServerEvent.Error err
                        && err.clientMsgId().filter(clientId::equals).isPresent());
    }

    private static void awaitMembers(ChatClient c, String... names) {
        List<String> want = new ArrayList<>(List.of(names));
        want.sort(null);
        boolean ok =
                eventually(
                        Duration.ofSeconds(15),
                        () -> {
                            c.send(new ClientEvent.Who("main"));
                            ServerEvent.Presence p =
                                    c.awaitEvent(ServerEvent.Presence.class, x -> true, WAIT);
                            return p != null && p.members().equals(want);
                        });
        assertThat(ok).as("members become %s", want).isTrue();
    }
}
