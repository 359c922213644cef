package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.MemoryStorage;
import dev.parley.server.testing.RawWebSocket;
import dev.parley.server.testing.RunningServer;
import dev.parley.themis.KeyPair;
import dev.parley.themis.SecureSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP endpoints, slow readers, overload, graceful shutdown. */
@Timeout(90)
class OperationsTest {
    private static final Duration WAIT = ChatClient.WAIT;
    @TempDir Path dir;

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(WAIT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzMetricsAndPlaceholderPageShareThePort() throws Exception {
        try (RunningServer s = RunningServer.start(dir, new MemoryStorage(), b -> b)) {
            ChatClient a = s.v1("ann");
            a.say("counted");
            a.awaitLine("<ann> counted");
            assertThat(get(s.port(), "/healthz").body()).isEqualTo("ok\n");
            HttpResponse<String> metrics = get(s.port(), "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains(
                            "parley_connections 1.0",
                            "parley_handshakes_total{reason=\"none\",result=\"ok\"} 1.0",
                            "parley_messages_in_total 1.0",
                            "parley_messages_out_total",
                            "parley_bytes_in_total",
                            "parley_handshake_latency_seconds_count",
                            "parley_delivery_latency_seconds_count");
            assertThat(metrics.body()).doesNotContain("counted", "ann");
            // the browser client (parley-web on the classpath) replaced the placeholder page
            assertThat(get(s.port(), "/").body())
                    .contains("<script type=\"module\" src=\"app.js\">");
            assertThat(get(s.port(), "/nope").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void slowReaderIsDisconnectedWhileOthersGoOn() throws Exception {
        try (RunningServer s =
                RunningServer.start(
                        dir,
                        new MemoryStorage(),
                        b -> b.outboundQueueLimit(64).rateLimit(100_000, 100_000))) {
            RawWebSocket slow = RawWebSocket.connect(s.port(), null, 4096);
            SecureSession session = BadInputTestAccess.establish(slow, s, "sloth");
            ChatClient fast = s.v1("fast");
            ChatClient sender = s.v1("sender");
            String big = "x".repeat(3000);
            int sent = 0;
            // the slow socket never reads; its kernel buffers plus the bounded queue fill up
            while (s.closes("slow_reader") == 0 && sent < 5000) {
                sender.say(big + sent);
                sent++;
                if (sent % 8 == 0) { // paced, so only the reader that stopped reading falls behind
                    String expected = "<sender> " + big + (sent - 1);
                    assertThat(fast.awaitLine(expected::equals, WAIT)).isNotNull();
                }
            }
            assertThat(s.closes("slow_reader")).isEqualTo(1);
            assertThat(sent).isLessThan(5000);
            sender.say("after");
            assertThat(fast.awaitLine("<sender> after")).isNotNull();
            assertThat(session).isNotNull();
            slow.close();
        }
    }

    @Test
    void silentClientIsPingedThenClosedWhileOneThatAnswersStays() throws Exception {
        try (RunningServer s =
                RunningServer.start(
                        dir, new MemoryStorage(), b -> b.idleTimeout(Duration.ofMillis(800)))) {
            RawWebSocket quiet = RawWebSocket.connect(s.port());
            BadInputTestAccess.establish(quiet, s, "quiet");
            RawWebSocket lively = RawWebSocket.connect(s.port());
            BadInputTestAccess.establish(lively, s, "lively");
            long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < until) {
                RawWebSocket.Frame f = lively.read(Duration.ofMillis(100)); // answers pings
                assertThat(f == null || f.opcode() != RawWebSocket.CLOSE).isTrue();
            }
            RawWebSocket.Frame close = quiet.awaitClose(WAIT);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("idle timeout");
            assertThat(s.closes("idle_timeout")).isEqualTo(1);
            quiet.close();
            lively.close();
        }
    }

    @Test
    void overloadedHandshakePoolRefusesFastWith1013() throws Exception {
        try (RunningServer s =
                RunningServer.start(
                        dir,
                        new MemoryStorage(),
                        b ->
                                b.handshakeWorkers(1)
                                        .handshakeQueueLimit(1)
                                        .maxConnectionsPerIp(1000))) {
            List<RawWebSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    RawWebSocket ws = RawWebSocket.connect(s.port());
                    sockets.add(ws);
                }
                KeyPair k = KeyPair.generate();
                String hello = ":" + k.publicKey().toBase64();
                int n = 0;
                for (RawWebSocket ws : sockets) {
                    ws.sendText("u" + n++ + hello);
                }
                // refusals are immediate; the rest are still in their handshake. On a loaded
                // machine a close frame can trail its metric, so collect until both agree.
                java.util.Set<RawWebSocket> refusedSockets = new java.util.HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                Thread.sleep(500);
                do {
                    for (RawWebSocket ws : sockets) {
                        if (!refusedSockets.contains(ws)) {
                            RawWebSocket.Frame f = ws.awaitClose(Duration.ofMillis(20));
                            if (f != null && f.closeCode() == 1013) {
                                refusedSockets.add(ws);
                            }
                        }
                    }
                } while (refusedSockets.size() != s.closes("overloaded")
                        && System.nanoTime() < deadline);
                int refused = refusedSockets.size();
                assertThat(refused).isPositive();
                assertThat(s.closes("overloaded")).isEqualTo(refused);
            } finally {
                for (RawWebSocket ws : sockets) {
                    ws.close();
                }
            }
            ChatClient after = s.v1("later");
            assertThat(after.awaitLine(l -> l.startsWith("* main:"), WAIT)).isNotNull();
        }
    }

    @Test
    void portInUseFailsStartAndReleasesEverything() throws Exception {
        try (RunningServer first = RunningServer.start(dir.resolve("a"), null, b -> b)) {
            ParleyServer second =
                    new ParleyServer(
                            ServerConfig.builder()
                                    .port(first.port())
                                    .dataDir(dir.resolve("b"))
                                    .build());
            assertThat(second.start()).failsWithin(WAIT);
            second.close();
            // the second data dir's store was closed: a server can open it now
            try (RunningServer again = RunningServer.start(dir.resolve("b"), null, b -> b)) {
                assertThat(again.v1("back").awaitLine(l -> l.startsWith("* main:"), WAIT))
                        .isNotNull();
            }
        }
    }

    @Test
    void shutdownSendsGoingAwayToClients() throws Exception {
        RunningServer s = RunningServer.start(dir, new MemoryStorage(), b -> b);
        ChatClient a = s.v1("amos");
        a.awaitLine(l -> l.startsWith("* main:"), WAIT);
        s.server().close();
        ChatClient.Incoming close = a.awaitClose(WAIT);
        assertThat(close.closeCode()).isEqualTo(1001);
        assertThat(close.closeReason()).contains("shutting down");
        assertThat(get0(s.port())).isFalse();
        s.close();
    }

    /** Whether anything still answers HTTP on the port. */
    private static boolean get0(int port) {
        try {
            get(port, "/healthz");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Reuses the raw handshake of {@link BadInputTest} against another server. */
    static final class BadInputTestAccess {
        static SecureSession establish(RawWebSocket ws, RunningServer s, String name)
                throws Exception {
            KeyPair keys = KeyPair.generate();
            ws.sendText(name + ":" + keys.publicKey().toBase64());
            SecureSession session =
                    SecureSession.create(
                            name.getBytes(StandardCharsets.UTF_8),
                            keys.privateKey(),
                            id -> s.key());
            ws.sendText(Base64.getEncoder().encodeToString(session.connectRequest()));
            while (!session.isEstablished()) {
                RawWebSocket.Frame f = ws.read(WAIT);
                var r = session.unwrap(Base64.getDecoder().decode(f.text()));
                if (r.type() == dev.parley.themis.UnwrapResult.Type.PROTOCOL_DATA) {
                    ws.sendText(Base64.getEncoder().encodeToString(r.data()));
                }
            }
            return session;
        }
    }
}
