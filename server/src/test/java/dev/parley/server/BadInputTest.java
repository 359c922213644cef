package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.MemoryStorage;
import dev.parley.server.testing.RawWebSocket;
import dev.parley.server.testing.RunningServer;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.UnwrapResult;
import dev.parley.themis.internal.container.SoterContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of the issue: the offending socket is closed with a code and a reason, a metric
 * counts it, and two bystanders keep chatting with nothing lost.
 */
@Timeout(60)
class BadInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger SEQ = new AtomicInteger();
    @TempDir static Path dir;
    static RunningServer server;
    static ChatClient alice;
    static ChatClient bob;

    @BeforeAll
    static void start() throws Exception {
        server =
                RunningServer.start(
                        dir,
                        new MemoryStorage(),
                        b ->
                                b.handshakeTimeout(Duration.ofSeconds(1))
                                        .rateLimit(20, 20)
                                        .maxConnectionsPerIp(8)
                                        .maxFrameBytes(4096)
                                        .maxMessageBytes(2048));
        alice = server.v1("alice");
        bob = server.v1("bob");
        alice.awaitLine("* bob joined main");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** After each bad input, the bystanders still chat and lose nothing. */
    @AfterEach
    void bystandersKeepChatting() {
        String text = "still fine " + SEQ.incrementAndGet();
        alice.say(text);
        assertThat(bob.awaitLine(l -> l.startsWith("<alice> still fine"), WAIT))
                .isEqualTo("<alice> " + text);
        assertThat(alice.awaitLine(l -> l.startsWith("<alice> still fine"), WAIT))
                .isEqualTo("<alice> " + text);
    }

    private static void expectClose(
            RawWebSocket ws, int code, String reasonPart, String tag, double before)
            throws IOException {
        RawWebSocket.Frame close = ws.awaitClose(WAIT);
        assertThat(close).as("close frame").isNotNull();
        assertThat(close.closeCode()).isEqualTo(code);
        assertThat(close.closeReason()).contains(reasonPart);
        assertCounted(tag, before);
        ws.close();
    }

    /** The metric is counted on the event loop, possibly just after the close frame left. */
    private static void assertCounted(String tag, double before) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.closes(tag) < before + 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.closes(tag)).isEqualTo(before + 1);
    }

    private static void helloFails(String hello, int code, String reason, String tag)
            throws IOException {
        double before = server.closes(tag);
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.sendText(hello);
        expectClose(ws, code, reason, tag, before);
    }

    private static String key() {
        return KeyPair.generate().publicKey().toBase64();
    }

    @Test
    void rejectionIsLoggedOnceWithoutUserData() throws Exception {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger)
                        org.slf4j.LoggerFactory.getLogger(
                                dev.parley.server.connection.Connection.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            String key = key();
            helloFails("secret-name" + "\u0001:" + key, 1008, "invalid name", "bad_name");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (lines.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            assertThat(lines.list).hasSize(1);
            String logged = lines.list.get(0).getFormattedMessage();
            assertThat(logged)
                    .contains("bad_name", "1008", "127.0.0.1")
                    .doesNotContain("secret", key);
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void nonUtf8TextIsRefused() throws IOException {
        double before = server.closes("not_utf8");
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.send(RawWebSocket.TEXT, new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28});
        RawWebSocket.Frame close = ws.awaitClose(WAIT);
        assertThat(close.closeCode()).isEqualTo(1007);
        assertCounted("not_utf8", before);
        ws.close();
    }

    @Test
    void helloWithoutColonIsRefused() throws IOException {
        helloFails("alice" + key(), 1008, "name:base64", "bad_hello");
    }

    @Test
    void emptyNameIsRefused() throws IOException {
        helloFails(":" + key(), 1008, "invalid name", "bad_name");
    }

    @Test
    void overlongNameIsRefused() throws IOException {
        helloFails("a".repeat(33) + ":" + key(), 1008, "invalid name", "bad_name");
    }

    @Test
    void invalidBase64IsRefused() throws IOException {
        helloFails("carl:not*base64!", 1008, "base64", "bad_base64");
    }

    @Test
    void invalidKeyContainerIsRefused() throws IOException {
        byte[] junk = new byte[45];
        Arrays.fill(junk, (byte) 7);
        helloFails(
                "carl:" + Base64.getEncoder().encodeToString(junk),
                1008,
                "invalid public key",
                "bad_key");
    }

    @Test
    void keyOffTheCurveIsRefused() throws IOException {
        helloFails(
                "carl:" + Base64.getEncoder().encodeToString(offCurveKey()),
                1008,
                "invalid public key",
                "bad_key");
    }

    /** A well-formed UEC2 container whose x has no point on P-256. */
    static byte[] offCurveKey() {
        for (int x = 1; x < 1000; x++) {
            byte[] point = new byte[33];
            point[0] = 2;
            point[32] = (byte) x;
            byte[] container = SoterContainer.build("UEC2", point);
            try {
                PublicKey.fromBytes(container);
            } catch (KeyFormatException e) {
                if (e.getMessage().contains("not on P-256")) {
                    return container;
                }
            }
        }
        throw new AssertionError("no off-curve x found");
    }

    @Test
    void sessionIdOtherThanNameIsRefused() throws IOException {
        double before = server.closes("session_id_mismatch");
        KeyPair keys = KeyPair.generate();
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.sendText("dora:" + keys.publicKey().toBase64());
        SecureSession s =
                SecureSession.create(
                        "mallory".getBytes(StandardCharsets.UTF_8),
                        keys.privateKey(),
                        id -> server.key());
        ws.sendText(Base64.getEncoder().encodeToString(s.connectRequest()));
        expectClose(ws, 1008, "session id", "session_id_mismatch", before);
    }

    @Test
    void handshakeFramesOutOfOrderAreRefused() throws Exception {
        double before = server.closes("handshake_failed");
        KeyPair keys = KeyPair.generate();
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.sendText("ella:" + keys.publicKey().toBase64());
        SecureSession s =
                SecureSession.create(
                        "ella".getBytes(StandardCharsets.UTF_8),
                        keys.privateKey(),
                        id -> server.key());
        String m1 = Base64.getEncoder().encodeToString(s.connectRequest());
        ws.sendText(m1);
        assertThat(ws.read(WAIT).opcode()).isEqualTo(RawWebSocket.TEXT); // m2
        ws.sendText(m1); // m1 again where m3 belongs
        expectClose(ws, 1008, "handshake failed", "handshake_failed", before);
    }

    /** A raw socket with a finished handshake. */
    static SecureSession establish(RawWebSocket ws, String name) throws Exception {
        KeyPair keys = KeyPair.generate();
        ws.sendText(name + ":" + keys.publicKey().toBase64());
        SecureSession s =
                SecureSession.create(
                        name.getBytes(StandardCharsets.UTF_8),
                        keys.privateKey(),
                        id -> server.key());
        ws.sendText(Base64.getEncoder().encodeToString(s.connectRequest()));
        while (!s.isEstablished()) {
            RawWebSocket.Frame f = ws.read(WAIT);
            UnwrapResult r = s.unwrap(Base64.getDecoder().decode(f.text()));
            if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                ws.sendText(Base64.getEncoder().encodeToString(r.data()));
            }
        }
        return s;
    }

    @Test
    void garbageAfterTheHandshakeIsRefused() throws Exception {
        double before = server.closes("bad_message");
        RawWebSocket ws = RawWebSocket.connect(server.port());
        establish(ws, "fred");
        ws.sendText(Base64.getEncoder().encodeToString(new byte[80]));
        expectClose(ws, 1008, "could not be decrypted", "bad_message", before);
    }

    @Test
    void binaryFrameOnV1IsRefused() throws IOException {
        double before = server.closes("binary_on_v1");
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.send(RawWebSocket.BINARY, ("gus:" + key()).getBytes(StandardCharsets.UTF_8));
        expectClose(ws, 1003, "binary", "binary_on_v1", before);
    }

    @Test
    void oversizedFrameIsRefused() throws IOException {
        double before = server.closes("too_big");
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.sendText("x".repeat(5000));
        RawWebSocket.Frame close = ws.awaitClose(WAIT);
        assertThat(close.closeCode()).isEqualTo(1009);
        assertCounted("too_big", before);
        ws.close();
    }

    @Test
    void floodOverTheRateLimitIsRefused() throws Exception {
        double before = server.closes("rate_limited");
        RawWebSocket ws = RawWebSocket.connect(server.port());
        SecureSession s = establish(ws, "hank");
        for (int i = 0; i < 60; i++) {
            try {
                ws.sendText(
                        Base64.getEncoder()
                                .encodeToString(
                                        s.wrap(("/who " + i).getBytes(StandardCharsets.UTF_8))));
            } catch (IOException closed) {
                break;
            }
        }
        expectClose(ws, 1008, "rate limit", "rate_limited", before);
    }

    @Test
    void socketThatNeverSpeaksIsClosed() throws IOException {
        double before = server.closes("handshake_timeout");
        RawWebSocket ws = RawWebSocket.connect(server.port());
        expectClose(ws, 1008, "handshake timeout", "handshake_timeout", before);
    }

    @Test
    void tooManySocketsFromOneAddressAreRefused() throws IOException {
        double before = server.closes("per_ip_cap");
        List<ChatClient> holders = new java.util.ArrayList<>();
        try {
            // alice and bob hold two of the eight slots; six established clients take the rest
            // (established, so that the short handshake timeout cannot free a slot meanwhile)
            for (int i = 0; i < 6; i++) {
                ChatClient holder = server.v1("holder" + i);
                holders.add(holder);
                assertThat(holder.awaitLine(l -> l.startsWith("* main:"), WAIT)).isNotNull();
            }
            RawWebSocket ws = RawWebSocket.connect(server.port());
            expectClose(ws, 1008, "too many connections", "per_ip_cap", before);
        } finally {
            for (ChatClient h : holders) {
                h.close();
            }
        }
    }
}
