package dev.parley.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ServerConfig;
import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.RawWebSocket;
import dev.parley.themis.KeyPair;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the abuse test: one {@code /history 100} is a single queued event but holds 100 messages
 * of up to 4000 characters. Readers that never read and repeat it within the default rate limit
 * must be cut as slow readers before they can fill the server's heap.
 */
@Timeout(120)
class HistoryHogTest {
    static final int HOGS = 6;
    static final int REQUESTS = 25;
    @TempDir Path dir;

    @Test
    void historyRequestsFromReadersThatNeverReadCannotFillTheHeap() throws Exception {
        try (ServerProcess server =
                ServerProcess.start(
                        List.of("-Xmx96m"),
                        List.of("--data", dir.resolve("data").toString()),
                        null,
                        dir.resolve("server.log"))) {
            ProcessProbe probe = new ProcessProbe(server.pid(), server.port());
            fillRoomWithLongMessages(server, "main", 10, 20);
            long baseHeap = probe.heapAfterGcKib();
            List<RawWebSocket> hogs = new ArrayList<>();
            try {
                Attacker attacker =
                        new Attacker(
                                server.port(), server.key(), ServerConfig.DEFAULT_MAX_FRAME_BYTES);
                for (int i = 0; i < HOGS; i++) {
                    hogs.add(
                            attacker.historyHog(
                                    InetAddress.getByName("127.0.0." + (20 + i)), REQUESTS));
                }
                String metrics = "";
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    metrics = probe.scrape();
                    if (ProcessProbe.Metrics.value(
                                    metrics, "parley_closes_total{reason=\"slow_reader\"}")
                            >= HOGS) {
                        break;
                    }
                    Thread.sleep(200);
                }
                long heap = probe.heapAfterGcKib();
                System.out.printf(
                        "[history-hog] heap after GC: %d KiB before, %d KiB with %d hogs; slow_reader closes %.0f%n",
                        baseHeap,
                        heap,
                        HOGS,
                        ProcessProbe.Metrics.value(
                                metrics, "parley_closes_total{reason=\"slow_reader\"}"));
                assertThat(
                                ProcessProbe.Metrics.value(
                                        metrics, "parley_closes_total{reason=\"slow_reader\"}"))
                        .isEqualTo(HOGS);
                assertThat(heap).isLessThan(baseHeap + 16 * 1024);
                try (ChatClient after =
                        ChatClient.connect(
                                server.port(),
                                ChatClient.Protocol.V1,
                                "after",
                                KeyPair.generate(),
                                server.key())) {
                    after.say("still here");
                    assertThat(after.awaitLine("<after> still here")).isNotNull();
                }
            } finally {
                for (RawWebSocket ws : hogs) {
                    ws.close();
                }
            }
        }
    }

    /**
     * {@code senders} clients each send {@code each} messages of 4000 characters to {@code room},
     * then leave.
     */
    static void fillRoomWithLongMessages(ServerProcess server, String room, int senders, int each) {
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                clients.add(
                        ChatClient.connect(
                                server.port(),
                                ChatClient.Protocol.V1,
                                "filler" + i,
                                KeyPair.generate(),
                                server.key()));
            }
            for (ChatClient c : clients) {
                if (!room.equals("main")) {
                    c.say("/join " + room);
                }
            }
            String body = "x".repeat(3990);
            for (int k = 0; k < each; k++) {
                for (ChatClient c : clients) {
                    c.say(k + " " + body);
                }
            }
            for (ChatClient c : clients) {
                String last = "<" + c.name() + "> " + (each - 1) + " " + body;
                assertThat(c.awaitLine(last::equals, Duration.ofSeconds(30)))
                        .as(c.name() + " echo")
                        .isNotNull();
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }
}
