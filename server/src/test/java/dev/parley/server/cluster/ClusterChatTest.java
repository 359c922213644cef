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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on one real redis-server: rooms, direct messages, presence, a node that goes away.
 */
@Timeout(90)
class ClusterChatTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger RUN = new AtomicInteger();
    @TempDir static Path dir;
    static RedisServerProcess redis;
    ClusterNodes cluster;

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

    @BeforeEach
    void startNodes() throws Exception {
        assertThat(redis.command("FLUSHALL")).isEqualTo("+OK");
        cluster = new ClusterNodes(dir.resolve("run" + RUN.incrementAndGet()), redis.uri(0));
        for (int i = 0; i < 3; i++) {
            cluster.startNode();
        }
    }

    @AfterEach
    void stopNodes() {
        cluster.close();
    }

    @Test
    void roomMessagesReachEveryNodeInOneOrder() {
        ChatClient amy = cluster.v2(0, "amy", KeyPair.generate());
        ChatClient ben = cluster.v2(1, "ben", KeyPair.generate());
        ChatClient cat = cluster.v2(2, "cat", KeyPair.generate());
        awaitMembers(amy, "main", "amy", "ben", "cat");
        int perSender = 15;
        for (int i = 0; i < perSender; i++) { // interleaved, from three nodes at once
            amy.send(new ClientEvent.Send("a" + i, "main", "amy " + i));
            ben.send(new ClientEvent.Send("b" + i, "main", "ben " + i));
            cat.send(new ClientEvent.Send("c" + i, "main", "cat " + i));
        }
        List<ServerEvent.Message> atAmy = messages(amy, 3 * perSender);
        List<ServerEvent.Message> atBen = messages(ben, 3 * perSender);
        List<ServerEvent.Message> atCat = messages(cat, 3 * perSender);
        assertThat(atAmy).hasSize(3 * perSender);
        assertThat(atBen).isEqualTo(atAmy);
        assertThat(atCat).isEqualTo(atAmy);
        assertThat(atAmy)
                .extracting(ServerEvent.Message::id)
                .containsExactlyElementsOf(range(1, 3 * perSender));
        for (String who : List.of("amy", "ben", "cat")) { // each sender's own order is kept
            assertThat(
                            atAmy.stream()
                                    .filter(m -> m.from().equals(who))
                                    .map(ServerEvent.Message::text)
                                    .toList())
                    .containsExactlyElementsOf(
                            range(0, perSender - 1).stream().map(i -> who + " " + i).toList());
        }
    }

    @Test
    void directMessagesCrossNodesInBothProtocols() {
        ChatClient dan = cluster.v2(0, "dan", KeyPair.generate());
        ChatClient eve = cluster.v2(2, "eve", KeyPair.generate());
        ChatClient fay = cluster.v1(1, "fay");
        awaitMembers(dan, "main", "dan", "eve", "fay");

        dan.send(new ClientEvent.Direct("d-1", "eve", "psst eve"));
        assertThat(dan.awaitEvent(ServerEvent.Ack.class, a -> a.clientMsgId().equals("d-1"), WAIT))
                .isNotNull();
        ServerEvent.DirectMessage dm =
                eve.awaitEvent(ServerEvent.DirectMessage.class, m -> true, WAIT);
        assertThat(dm).isNotNull();
        assertThat(dm.from()).isEqualTo("dan");
        assertThat(dm.text()).isEqualTo("psst eve");

        fay.say("/msg dan hello from node 1");
        ServerEvent.DirectMessage toDan =
                dan.awaitEvent(ServerEvent.DirectMessage.class, m -> m.from().equals("fay"), WAIT);
        assertThat(toDan).isNotNull();
        assertThat(toDan.text()).isEqualTo("hello from node 1");
        // exactly once: the next event after it answers a marker
        dan.send(new ClientEvent.Ping());
        assertThat(dan.nextEvent(WAIT)).isInstanceOf(ServerEvent.Pong.class);

        dan.send(new ClientEvent.Direct("d-2", "nobody", "hello?"));
        ServerEvent.Error err = dan.awaitEvent(ServerEvent.Error.class, e -> true, WAIT);
        assertThat(err.code()).isEqualTo("unknown_user");
    }

    @Test
    void roomsJoinedOnSeveralNodesShareMessagesAndPresence() {
        ChatClient gus = cluster.v2(0, "gus", KeyPair.generate());
        ChatClient hal = cluster.v2(1, "hal", KeyPair.generate());
        ChatClient ida = cluster.v2(2, "ida", KeyPair.generate());
        gus.send(new ClientEvent.Join("ops"));
        assertThat(
                        gus.awaitEvent(
                                ServerEvent.Joined.class,
                                j -> j.room().equals("ops") && j.name().equals("gus"),
                                WAIT))
                .isNotNull();
        hal.send(new ClientEvent.Join("ops"));
        assertThat(
                        gus.awaitEvent(
                                ServerEvent.Joined.class,
                                j -> j.room().equals("ops") && j.name().equals("hal"),
                                WAIT))
                .as("gus hears hal join ops on another node")
                .isNotNull();
        awaitMembers(gus, "ops", "gus", "hal");
        hal.send(new ClientEvent.Send("h-1", "ops", "ops only"));
        assertThat(
                        gus.awaitEvent(ServerEvent.Message.class, m -> m.room().equals("ops"), WAIT)
                                .text())
                .isEqualTo("ops only");
        // ida (third node) is not in ops: she sees it listed, but nothing of its traffic
        assertThat(
                        eventually(
                                WAIT,
                                () -> {
                                    ida.send(new ClientEvent.ListRooms());
                                    ServerEvent.RoomList list =
                                            ida.awaitEvent(
                                                    ServerEvent.RoomList.class, x -> true, WAIT);
                                    return list != null
                                            && list.rooms().stream()
                                                    .map(r -> r.room() + "=" + r.members())
                                                    .toList()
                                                    .equals(List.of("main=3", "ops=2"));
                                }))
                .as("rooms of all nodes listed with their member counts")
                .isTrue();
        ida.send(new ClientEvent.Ping());
        ServerEvent next;
        do {
            next = ida.nextEvent(WAIT);
            assertThat(next).isNotNull();
            assertThat(next).isNotInstanceOf(ServerEvent.Message.class);
        } while (!(next instanceof ServerEvent.Pong));

        awaitMembers(hal, "ops", "gus", "hal");
        hal.send(new ClientEvent.Leave("ops"));
        assertThat(
                        gus.awaitEvent(
                                ServerEvent.Left.class,
                                l -> l.room().equals("ops") && l.name().equals("hal"),
                                WAIT))
                .isNotNull();
        awaitMembers(gus, "ops", "gus");
    }

    @Test
    void clientsOfAStoppedNodeReconnectElsewhereAndMissNothing() {
        KeyPair jonKeys = KeyPair.generate();
        ChatClient kim = cluster.v2(0, "kim", KeyPair.generate());
        ChatClient jon = cluster.v2(2, "jon", jonKeys);
        awaitMembers(kim, "main", "jon", "kim");
        for (int i = 1; i <= 10; i++) {
            kim.send(new ClientEvent.Send("k" + i, "main", "before " + i));
        }
        List<ServerEvent.Message> seen = new ArrayList<>(messages(jon, 10));
        assertThat(seen)
                .extracting(ServerEvent.Message::id)
                .containsExactlyElementsOf(range(1, 10));

        cluster.stopNode(2);
        assertThat(jon.awaitClose(WAIT)).isNotNull();
        for (int i = 1; i <= 20; i++) { // while jon is away
            kim.send(new ClientEvent.Send("m" + i, "main", "missed " + i));
        }
        assertThat(kim.awaitEvent(ServerEvent.Ack.class, a -> a.clientMsgId().equals("m20"), WAIT))
                .isNotNull();

        ChatClient jonAgain =
                cluster.v2(1, "jon", jonKeys); // the load balancer sends him to another node
        kim.send(new ClientEvent.Send("after", "main", "after reconnect"));
        long lastSeen = seen.get(seen.size() - 1).id();
        ServerEvent.HistoryPage replay =
                jonAgain.awaitEvent(
                        ServerEvent.HistoryPage.class, p -> p.room().equals("main"), WAIT);
        assertThat(replay).isNotNull();
        List<ServerEvent.Message> caughtUp =
                new ArrayList<>(replay.messages().stream().filter(m -> m.id() > lastSeen).toList());
        long replayed =
                replay.messages().isEmpty()
                        ? 0
                        : replay.messages().get(replay.messages().size() - 1).id();
        List<ServerEvent.Message> live = new ArrayList<>();
        while (caughtUp.size() + live.size() < 21) {
            ServerEvent.Message m = jonAgain.awaitEvent(ServerEvent.Message.class, x -> true, WAIT);
            assertThat(m)
                    .as("message %d after reconnect", caughtUp.size() + live.size() + 1)
                    .isNotNull();
            live.add(m);
        }
        assertThat(live).allSatisfy(m -> assertThat(m.id()).isGreaterThan(replayed)); // none twice
        seen.addAll(caughtUp);
        seen.addAll(live);
        assertThat(seen)
                .extracting(ServerEvent.Message::id)
                .containsExactlyElementsOf(range(1, 31));
        assertThat(seen.get(10).text()).isEqualTo("missed 1");
        assertThat(seen.get(30).text()).isEqualTo("after reconnect");
        jonAgain.send(new ClientEvent.Ping());
        ServerEvent next;
        do {
            next = jonAgain.nextEvent(WAIT);
            assertThat(next).isNotInstanceOf(ServerEvent.Message.class);
        } while (next != null && !(next instanceof ServerEvent.Pong));
    }

    @Test
    void sameNameFromTwoNodesWithTwoKeysOneIsRefused() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "racer" + round;
            KeyPair k1 = KeyPair.generate();
            KeyPair k2 = KeyPair.generate();
            ChatClient c1 = cluster.open(0, name, k1);
            ChatClient c2 = cluster.open(1, name, k2);
            Map<KeyPair, Boolean> accepted = new HashMap<>();
            Thread t = new Thread(() -> accepted.put(k2, handshakeAndWelcome(c2)));
            t.start();
            boolean first = handshakeAndWelcome(c1);
            t.join(WAIT.toMillis() * 2);
            assertThat(t.isAlive()).isFalse();
            accepted.put(k1, first);
            assertThat(accepted.values())
                    .as("round %d", round)
                    .containsExactlyInAnyOrder(true, false);
            KeyPair winner = accepted.get(k1) ? k1 : k2;
            KeyPair loser = winner == k1 ? k2 : k1;
            // the third node agrees
            ChatClient again = cluster.open(2, name, loser);
            assertThat(handshakeAndWelcome(again)).isFalse();
            assertThat(cluster.v2(2, name, winner).nextEvent(WAIT))
                    .isInstanceOf(ServerEvent.Welcome.class);
        }
    }

    /**
     * True if welcomed; false if refused with 1008 (name bound to another key); fails otherwise.
     */
    private static boolean handshakeAndWelcome(ChatClient c) {
        try {
            c.handshake();
        } catch (RuntimeException refused) { // the close may come before or during the handshake
            ChatClient.Incoming close = c.awaitClose(WAIT);
            assertThat(close).isNotNull();
            assertThat(close.closeCode()).isEqualTo(1008);
            return false;
        }
        ServerEvent first = c.nextEvent(WAIT);
        return first instanceof ServerEvent.Welcome;
    }

    /**
     * Asks {@code who} until the room lists exactly {@code names} (presence spreads within a second
     * or two).
     */
    private static void awaitMembers(ChatClient c, String room, String... names) {
        boolean ok =
                eventually(
                        WAIT,
                        () -> {
                            c.send(new ClientEvent.Who(room));
                            ServerEvent.Presence p =
                                    c.awaitEvent(
                                            ServerEvent.Presence.class,
                                            x -> x.room().equals(room),
                                            WAIT);
                            return p != null && p.members().equals(List.of(names));
                        });
        assertThat(ok).as("members of %s become %s", room, List.of(names)).isTrue();
    }

    private static List<ServerEvent.Message> messages(ChatClient c, int count) {
        List<ServerEvent.Message> out = new ArrayList<>();
        while (out.size() < count) {
            ServerEvent.Message m = c.awaitEvent(ServerEvent.Message.class, x -> true, WAIT);
            if (m == null) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> r = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }
}
