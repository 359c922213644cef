package dev.parley.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ConnectionState;
import dev.parley.client.KnownServers;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyConnection;
import dev.parley.client.ParleyListener;
import dev.parley.client.SendResult;
import dev.parley.client.ServerKeyChangedException;
import dev.parley.client.Transport;
import dev.parley.protocol.ServerEvent;
import dev.parley.themis.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client SDK against the real server on a loopback port. */
@Timeout(90)
class SdkAgainstServerTest {
    @TempDir Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** Records events; every wait is bounded. */
    static final class Recorder implements ParleyListener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final List<ServerEvent.Message> messages = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStateChanged(ConnectionState state) {
            events.add(state);
        }

        @Override
        public void onMessage(ServerEvent.Message m) {
            messages.add(m);
            events.add(m);
        }

        @Override
        public void onDirectMessage(ServerEvent.DirectMessage m) {
            events.add(m);
        }

        @SuppressWarnings("unchecked")
        <T> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                Object e = events.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(e) && p.test((T) e)) {
                    return (T) e;
                }
            }
            throw new AssertionError("no matching " + type.getSimpleName() + " within 15 s");
        }

        List<String> texts(String room) {
            synchronized (messages) {
                return messages.stream()
                        .filter(m -> m.room().equals(room))
                        .map(ServerEvent.Message::text)
                        .toList();
            }
        }
    }

    private TestServer start(Path data, int port) throws Exception {
        TestServer s = TestServer.start(data, port);
        toClose.add(s);
        return s;
    }

    private ParleyConnection connect(
            TestServer s, String name, KeyPair keys, ParleyListener l, Transport t)
            throws Exception {
        ParleyClient.Builder b =
                ParleyClient.builder()
                        .server(s.uri())
                        .name(name)
                        .identity(keys)
                        .serverKey(s.server.publicKey())
                        .listener(l)
                        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300));
        if (t != null) {
            b.transport(t);
        }
        ParleyConnection c = b.connect().get(20, TimeUnit.SECONDS);
        toClose.add(c);
        return c;
    }

    @Test
    void twoClientsChatAndSendDirectMessages() throws Exception {
        TestServer s = start(dir.resolve("data"), 0);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        ParleyConnection alice = connect(s, "alice", KeyPair.generate(), a, null);
        ParleyConnection bob = connect(s, "bob", KeyPair.generate(), b, null);

        SendResult sent = alice.send("main", "hello bob").get(10, TimeUnit.SECONDS);
        assertThat(sent.isAccepted()).isTrue();
        ServerEvent.Message got =
                b.await(ServerEvent.Message.class, m -> m.text().equals("hello bob"));
        assertThat(got.from()).isEqualTo("alice");
        assertThat(got.id()).isEqualTo(sent.id());
        assertThat(bob.who("main").get(10, TimeUnit.SECONDS)).contains("alice", "bob");

        assertThat(bob.sendDirect("alice", "just you").get(10, TimeUnit.SECONDS).isAccepted())
                .isTrue();
        ServerEvent.DirectMessage dm =
                a.await(ServerEvent.DirectMessage.class, m -> m.text().equals("just you"));
        assertThat(dm.from()).isEqualTo("bob");

        bob.join("dev").get(10, TimeUnit.SECONDS);
        SendResult refused = alice.send("dev", "not a member").get(10, TimeUnit.SECONDS);
        assertThat(refused.isAccepted()).isFalse();
        assertThat(refused.rejectionCode()).contains("not_member");
        assertThat(alice.rooms().get(10, TimeUnit.SECONDS))
                .extracting(r -> r.room())
                .contains("main", "dev");
        ServerEvent.HistoryPage page =
                bob.history("main", OptionalLong.empty(), 10).get(10, TimeUnit.SECONDS);
        assertThat(page.messages()).extracting(ServerEvent.Message::text).contains("hello bob");
    }

    @Test
    void reconnectAfterServerRestartMissesNothingFromTheServersHistory() throws Exception {
        Path data = dir.resolve("data");
        TestServer first = start(data, 0);
        int port = first.port;
        KeyPair bobKeys = KeyPair.generate();
        Recorder b = new Recorder();
        GateTransport gate = new GateTransport();
        ParleyConnection bob = connect(first, "bob", bobKeys, b, gate);
        bob.join("dev").get(10, TimeUnit.SECONDS);
        ParleyConnection carol1 = connect(first, "carol", KeyPair.generate(), new Recorder(), null);
        carol1.join("dev").get(10, TimeUnit.SECONDS);
        assertThat(carol1.send("dev", "before restart").get(10, TimeUnit.SECONDS).isAccepted())
                .isTrue();
        b.await(ServerEvent.Message.class, m -> m.text().equals("before restart"));
        carol1.close();

        gate.close();
        first.close();
        b.await(ConnectionState.class, st -> st == ConnectionState.RECONNECTING);
        TestServer second = start(data, port);
        assertThat(second.server.publicKey()).isEqualTo(first.server.publicKey());
        ParleyConnection dave = connect(second, "dave", KeyPair.generate(), new Recorder(), null);
        dave.join("dev").get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 60; i++) {
            assertThat(
                            dave.send(i % 3 == 0 ? "main" : "dev", "missed " + i)
                                    .get(10, TimeUnit.SECONDS)
                                    .isAccepted())
                    .isTrue();
        }
        gate.open();
        b.await(ConnectionState.class, st -> st == ConnectionState.CONNECTED);
        dave.send("dev", "after reconnect").get(10, TimeUnit.SECONDS);
        b.await(ServerEvent.Message.class, m -> m.text().equals("after reconnect"));

        List<String> serverDev = new ArrayList<>();
        ServerEvent.HistoryPage page =
                dave.history("dev", OptionalLong.empty(), 100).get(10, TimeUnit.SECONDS);
        page.messages().forEach(m -> serverDev.add(m.text()));
        assertThat(b.texts("dev")).isEqualTo(serverDev);
        List<String> expectedMain = new ArrayList<>();
        for (int i = 0; i < 60; i += 3) {
            expectedMain.add("missed " + i);
        }
        assertThat(b.texts("main")).isEqualTo(expectedMain);
        assertThat(bob.joinedRooms()).contains("main", "dev");
    }

    @Test
    void aServerWithAnotherKeyThanThePinnedOneIsRefused() throws Exception {
        TestServer s = start(dir.resolve("data"), 0);
        KeyPair impostorPin = KeyPair.generate();
        assertThatThrownBy(
                        () ->
                                ParleyClient.builder()
                                        .server(s.uri())
                                        .name("alice")
                                        .identity(KeyPair.generate())
                                        .serverKey(impostorPin.publicKey())
                                        .connect()
                                        .get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ServerKeyChangedException.class)
                .hasMessageContaining(impostorPin.publicKey().fingerprint());

        Path knownFile = dir.resolve("known_servers");
        Files.writeString(
                knownFile, "127.0.0.1:" + s.port + " " + impostorPin.publicKey().toBase64() + "\n");
        assertThatThrownBy(
                        () ->
                                ParleyClient.builder()
                                        .server(s.uri())
                                        .name("alice")
                                        .identity(KeyPair.generate())
                                        .knownServers(new KnownServers(knownFile))
                                        .connect()
                                        .get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ServerKeyChangedException.class)
                .hasMessageContaining(knownFile.toString());
        assertThat(Files.readString(knownFile)).contains(impostorPin.publicKey().toBase64());
    }

    @Test
    void knownServerRestartedWithANewKeyIsRefusedNamingBothKeys() throws Exception {
        KnownServers known = new KnownServers(dir.resolve("home/known_servers"));
        TestServer first = start(dir.resolve("data1"), 0);
        KeyPair alice = KeyPair.generate();
        ParleyClient.builder()
                .server(first.uri())
                .name("alice")
                .identity(alice)
                .knownServers(known)
                .connect()
                .get(20, TimeUnit.SECONDS)
                .close();
        assertThat(known.lookup("127.0.0.1:" + first.port)).contains(first.server.publicKey());
        first.close();

        TestServer second =
                start(dir.resolve("data2"), first.port); // a new data directory: a new key
        assertThat(second.server.publicKey()).isNotEqualTo(first.server.publicKey());
        assertThatThrownBy(
                        () ->
                                ParleyClient.builder()
                                        .server(second.uri())
                                        .name("alice")
                                        .identity(alice)
                                        .knownServers(known)
                                        .connect()
                                        .get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ServerKeyChangedException.class)
                .hasMessageContaining(first.server.publicKey().fingerprint())
                .hasMessageContaining(second.server.publicKey().fingerprint());
        assertThat(known.lookup("127.0.0.1:" + first.port)).contains(first.server.publicKey());
    }
}
