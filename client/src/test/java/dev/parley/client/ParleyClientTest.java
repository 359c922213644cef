package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ServerEvent;
import dev.parley.themis.KeyPair;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK against an in-memory v2 server ({@link FakeServer}); the real server is tested in the cli
 * module.
 */
class ParleyClientTest {
    private final FakeServer server = new FakeServer();
    private final List<ParleyConnection> open = new java.util.ArrayList<>();

    @TempDir Path dir;

    @AfterEach
    void tearDown() {
        open.forEach(ParleyConnection::close);
        server.close();
    }

    private ParleyClient.Builder builder(String name, RecordingListener listener) {
        return ParleyClient.builder()
                .server(URI.create("ws://chat.test:8080"))
                .name(name)
                .identity(KeyPair.generate())
                .listener(listener)
                .transport(server)
                .requestTimeout(Duration.ofSeconds(5))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private ParleyConnection connect(ParleyClient.Builder b) throws Exception {
        ParleyConnection c = b.connect().get(10, TimeUnit.SECONDS);
        open.add(c);
        return c;
    }

    private ParleyConnection connect(String name, RecordingListener l) throws Exception {
        return connect(builder(name, l).serverKey(server.publicKey()));
    }

    @Test
    void twoClientsChatInARoomWithAcksByMessageId() throws Exception {
        RecordingListener a = new RecordingListener();
        RecordingListener b = new RecordingListener();
        ParleyConnection alice = connect("alice", a);
        ParleyConnection bob = connect("bob", b);
        assertThat(alice.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(alice.joinedRooms()).containsExactly("main");

        SendResult r = alice.send("main", "hello bob").get(5, TimeUnit.SECONDS);
        assertThat(r.isAccepted()).isTrue();
        ServerEvent.Message got =
                b.await(ServerEvent.Message.class, m -> m.text().equals("hello bob"));
        assertThat(got.from()).isEqualTo("alice");
        assertThat(got.id()).isEqualTo(r.id());
        assertThat(bob.who("main").get(5, TimeUnit.SECONDS))
                .containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void refusedMessageIsARejectedResultNotAnException() throws Exception {
        ParleyConnection alice = connect("alice", new RecordingListener());
        SendResult r = alice.send("elsewhere", "hi").get(5, TimeUnit.SECONDS);
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.rejectionCode()).contains("not_member");
    }

    @Test
    void refusedRequestWithoutMessageIdFailsWithItsCode() throws Exception {
        ParleyConnection alice = connect("alice", new RecordingListener());
        assertThatThrownBy(() -> alice.leave("nowhere").get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestRejectedException.class)
                .hasMessageContaining("not_member");
    }

    @Test
    void joinLeaveRoomsAndHistory() throws Exception {
        ParleyConnection alice = connect("alice", new RecordingListener());
        alice.join("dev").get(5, TimeUnit.SECONDS);
        assertThat(alice.joinedRooms()).contains("dev");
        alice.send("dev", "one").get(5, TimeUnit.SECONDS);
        alice.send("dev", "two").get(5, TimeUnit.SECONDS);
        ServerEvent.HistoryPage page =
                alice.history("dev", OptionalLong.empty(), 10).get(5, TimeUnit.SECONDS);
        assertThat(page.messages())
                .extracting(ServerEvent.Message::text)
                .containsExactly("one", "two");
        assertThat(alice.rooms().get(5, TimeUnit.SECONDS))
                .extracting(dev.parley.protocol.RoomInfo::room)
                .contains("dev");
        alice.leave("dev").get(5, TimeUnit.SECONDS);
        assertThat(alice.joinedRooms()).doesNotContain("dev");
    }

    @Test
    void directMessageReachesOnlyThePeer() throws Exception {
        RecordingListener b = new RecordingListener();
        RecordingListener c = new RecordingListener();
        ParleyConnection alice = connect("alice", new RecordingListener());
        connect("bob", b);
        connect("carol", c);
        assertThat(alice.sendDirect("bob", "psst").get(5, TimeUnit.SECONDS).isAccepted()).isTrue();
        ServerEvent.DirectMessage dm = b.await(ServerEvent.DirectMessage.class, m -> true);
        assertThat(dm.from()).isEqualTo("alice");
        assertThat(dm.text()).isEqualTo("psst");
        assertThat(c.events.stream().filter(ServerEvent.DirectMessage.class::isInstance)).isEmpty();
    }

    @Test
    void reconnectDeliversEveryMissedMessageOnceInOrder() throws Exception {
        RecordingListener b = new RecordingListener();
        ParleyConnection bob = connect("bob", b);
        bob.join("dev").get(5, TimeUnit.SECONDS);
        server.post("dev", "carol", "before");
        b.await(ServerEvent.Message.class, m -> m.text().equals("before"));

        server.refuseConnections(true);
        server.dropAll();
        b.await(ConnectionState.class, s -> s == ConnectionState.RECONNECTING);
        // more than one page (FakeServer.PAGE) and more than the join replay
        for (int i = 0; i < 11; i++) {
            server.post(i % 2 == 0 ? "dev" : "main", "carol", "missed " + i);
        }
        server.refuseConnections(false);
        b.await(ConnectionState.class, s -> s == ConnectionState.CONNECTED);

        List<ServerEvent.Message> got = b.awaitMessages(1 + 11);
        Thread.sleep(200); // nothing more may arrive
        assertThat(b.messages).hasSize(12);
        assertThat(got.stream().filter(m -> m.room().equals("dev")).map(ServerEvent.Message::text))
                .containsExactly(
                        "before",
                        "missed 0",
                        "missed 2",
                        "missed 4",
                        "missed 6",
                        "missed 8",
                        "missed 10");
        assertThat(got.stream().filter(m -> m.room().equals("main")).map(ServerEvent.Message::text))
                .containsExactly("missed 1", "missed 3", "missed 5", "missed 7", "missed 9");
        assertThat(bob.joinedRooms()).containsExactlyInAnyOrder("main", "dev");
    }

    @Test
    void sendWhileReconnectingGoesOutAfterTheReconnect() throws Exception {
        RecordingListener a = new RecordingListener();
        ParleyConnection alice = connect("alice", a);
        server.refuseConnections(true);
        server.dropAll();
        a.await(ConnectionState.class, s -> s == ConnectionState.RECONNECTING);
        var pending = alice.send("main", "queued");
        Thread.sleep(100);
        assertThat(pending).isNotDone();
        server.refuseConnections(false);
        assertThat(pending.get(5, TimeUnit.SECONDS).isAccepted()).isTrue();
        assertThat(server.history("main"))
                .extracting(ServerEvent.Message::text)
                .containsExactly("queued");
    }

    @Test
    void firstUseRecordsTheServerKeyAndAChangedKeyIsRefused() throws Exception {
        KnownServers known = new KnownServers(dir.resolve("known_servers"));
        connect(builder("alice", new RecordingListener()).knownServers(known)).close();
        assertThat(known.lookup("chat.test:8080")).contains(server.publicKey());
        var old = server.publicKey();

        server.rotateKey();
        assertThatThrownBy(
                        () ->
                                builder("alice", new RecordingListener())
                                        .knownServers(known)
                                        .connect()
                                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ServerKeyChangedException.class)
                .hasMessageContaining(old.fingerprint())
                .hasMessageContaining(server.publicKey().fingerprint());
        assertThat(known.lookup("chat.test:8080")).contains(old);
    }

    @Test
    void wrongPinnedKeyFailsTheHandshakeAndNamesBothKeys() throws Exception {
        KeyPair other = KeyPair.generate();
        assertThatThrownBy(
                        () ->
                                builder("alice", new RecordingListener())
                                        .serverKey(other.publicKey())
                                        .connect()
                                        .get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ServerKeyChangedException.class)
                .hasMessageContaining(other.publicKey().fingerprint());
    }

    @Test
    void closeEndsTheConnectionAndLaterRequestsFail() throws Exception {
        RecordingListener a = new RecordingListener();
        ParleyConnection alice = connect("alice", a);
        alice.close();
        alice.closed().get(10, TimeUnit.SECONDS);
        a.await(ConnectionState.class, s -> s == ConnectionState.CLOSED);
        assertThat(a.events).as("closing is not a drop").noneMatch(Throwable.class::isInstance);
        assertThatThrownBy(() -> alice.send("main", "late").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConnectionLostException.class);
        int before = server.opened;
        Thread.sleep(200);
        assertThat(server.opened).as("no reconnect after close").isEqualTo(before);
    }

    @Test
    void requestsArePacedInOrderBelowTheRateLimit() throws Exception {
        ParleyConnection alice =
                connect(
                        builder("alice", new RecordingListener())
                                .serverKey(server.publicKey())
                                .sendRateLimit(20, 5));
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<SendResult>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(alice.send("main", "m" + i));
        }
        for (var f : sent) {
            assertThat(f.get(10, TimeUnit.SECONDS).isAccepted()).isTrue();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // 5 at once, then 20 more at 20 per second: at least ~1 s
        assertThat(millis).isGreaterThanOrEqualTo(900);
        assertThat(server.history("main"))
                .extracting(ServerEvent.Message::text)
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void invalidArgumentsAreRefusedAtOnce() {
        assertThatThrownBy(() -> ParleyClient.builder().server(URI.create("http://x:1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParleyClient.builder().name("has space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                ParleyClient.builder()
                                        .server(URI.create("ws://x:1"))
                                        .name("a")
                                        .identity(KeyPair.generate())
                                        .connect())
                .isInstanceOf(IllegalStateException.class);
    }
}
