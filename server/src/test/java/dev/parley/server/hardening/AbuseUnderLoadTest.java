package dev.parley.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ServerConfig;
import dev.parley.server.testing.RawWebSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, part 2: {@value #GOOD} well-behaved clients (80 v1, 20 v2) chat while about a thousand
 * hostile connections send every kind of bad input, replay frames, drop sockets, never speak, never
 * read, and crowd one address. The server runs as a child JVM (-Xmx{@value #HEAP_MB}m) so its heap
 * and open files can be measured on their own.
 *
 * <p>Per-address cap: the server counts live WebSocket connections per remote IP ({@code
 * --max-per-ip}). The good clients all come from 127.0.0.1, so the cap is set to {@value
 * #PER_IP_CAP}, just above them; attackers use 127.0.0.2-9, and 127.0.0.250 fills its cap with
 * silent sockets and then tries more, which must be refused.
 */
@Timeout(240)
class AbuseUnderLoadTest {
    static final int GOOD = 100;
    static final double GOOD_RATE = 0.25;
    static final int PER_IP_CAP = 104;
    static final int HEAP_MB = 160;
    static final int ROUNDS = 40;
    static final int SLOW_READERS = 10;
    static final int OVER_CAP = 20;
    static final int SILENT_TCP = 20;
    static final int ATTACK_THREADS = 8;
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(8);
    static final Duration MIN_CHAT = Duration.ofSeconds(30);

    @TempDir Path dir;

    @Test
    void goodClientsLoseNothingWhileAThousandHostileConnectionsAreRefusedAndCounted()
            throws Exception {
        try (ServerProcess server =
                        ServerProcess.start(
                                List.of("-Xmx" + HEAP_MB + "m"),
                                List.of(
                                        "--data",
                                        dir.resolve("data").toString(),
                                        "--max-per-ip",
                                        Integer.toString(PER_IP_CAP),
                                        "--handshake-timeout-ms",
                                        Long.toString(HANDSHAKE_TIMEOUT.toMillis()),
                                        "--outbound-queue",
                                        Integer.toString(
                                                ServerConfig.DEFAULT_OUTBOUND_QUEUE_LIMIT)),
                                null,
                                dir.resolve("server.log"));
                GoodChat good = new GoodChat(GOOD, GOOD_RATE)) {
            long t0 = System.nanoTime();
            ProcessProbe probe = new ProcessProbe(server.pid(), server.port());
            // long messages for the slow readers to ask for (5 x 20 x 4000 characters in room slow)
            HistoryHogTest.fillRoomWithLongMessages(server, "slow", 5, 20);
            good.connect(server.port(), server.key());
            good.start(4);
            Thread.sleep(2000);
            long baseHeap = probe.heapAfterGcKib();
            long baseFiles = probe.openFiles();
            String before = probe.scrape();
            log(
                    "%d good clients chatting after %d ms; server heap after GC %d KiB, open files %d",
                    GOOD, ms(t0), baseHeap, baseFiles);

            Attacker attacker =
                    new Attacker(server.port(), server.key(), ServerConfig.DEFAULT_MAX_FRAME_BYTES);
            Map<Attack, Integer> runs = new EnumMap<>(Attack.class);
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            List<RawWebSocket> slowReaders = new ArrayList<>();
            List<Long> heapSamples = new ArrayList<>();
            long attackStart = System.nanoTime();

            // 1. one address fills its cap with silent sockets, then tries more; raw TCP that never
            // upgrades
            InetAddress crowded = InetAddress.getByName("127.0.0.250");
            List<RawWebSocket> silent = new ArrayList<>();
            for (int i = 0; i < PER_IP_CAP; i++) {
                silent.add(attacker.run(Attack.SILENT_WEBSOCKET, crowded).parked());
            }
            runs.put(Attack.SILENT_WEBSOCKET, PER_IP_CAP);
            Thread.sleep(300); // the cap is taken on the event loop after the upgrade response
            for (int i = 0; i < OVER_CAP; i++) {
                RawWebSocket ws = attacker.run(Attack.OVER_ADDRESS_CAP, crowded).parked();
                RawWebSocket.Frame f = ws.awaitClose(Attacker.WAIT);
                expectCode(wrong, Attack.OVER_ADDRESS_CAP, f == null ? -1 : f.closeCode());
                ws.close();
            }
            runs.put(Attack.OVER_ADDRESS_CAP, OVER_CAP);
            log(
                    "address cap: %d silent sockets from %s, %d more refused, after %d ms",
                    PER_IP_CAP, crowded.getHostAddress(), OVER_CAP, ms(attackStart));

            ExecutorService pool = Executors.newFixedThreadPool(ATTACK_THREADS);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < SILENT_TCP; i++) {
                    work.add(
                            pool.submit(
                                    () -> {
                                        Attacker.Result r =
                                                attacker.run(Attack.SILENT_TCP, address(0));
                                        expectCode(wrong, Attack.SILENT_TCP, r.closeCode());
                                        return null;
                                    }));
                }
                runs.put(Attack.SILENT_TCP, SILENT_TCP);
                // 2. the mix, spread over the address pool
                List<Attack> mix = Attacker.mix(ROUNDS);
                for (int i = 0; i < mix.size(); i++) {
                    Attack a = mix.get(i);
                    InetAddress from = address(i);
                    runs.merge(a, 1, Integer::sum);
                    work.add(
                            pool.submit(
                                    () -> {
                                        expectCode(wrong, a, attacker.run(a, from).closeCode());
                                        return null;
                                    }));
                    if (i == mix.size() / 3) {
                        // 3. slow readers, once there is history to ask for
                        for (int k = 0; k < SLOW_READERS; k++) {
                            slowReaders.add(attacker.run(Attack.SLOW_READER, address(k)).parked());
                        }
                        runs.put(Attack.SLOW_READER, SLOW_READERS);
                    }
                }
                for (int i = 0; i < work.size(); i++) {
                    work.get(i).get(120, TimeUnit.SECONDS);
                    if (i % 300 == 150) {
                        heapSamples.add(probe.heapAfterGcKib()); // while attacks are still running
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            // the silent sockets are cut at the handshake timeout with 1008
            for (RawWebSocket ws : silent) {
                RawWebSocket.Frame f = ws.awaitClose(HANDSHAKE_TIMEOUT.plusSeconds(10));
                expectCode(wrong, Attack.SILENT_WEBSOCKET, f == null ? -1 : f.closeCode());
                ws.close();
            }
            log("attacks done after %d ms: %s", ms(attackStart), runs);

            // keep chatting for at least MIN_CHAT, then check every good message arrived
            while (System.nanoTime() - attackStart < MIN_CHAT.toNanos()) {
                Thread.sleep(200);
            }
            good.stopSending();
            boolean delivered = good.awaitAllDelivered(Duration.ofSeconds(30));
            log(
                    "good clients sent %d messages (%d deliveries); all delivered: %s; problems: %s",
                    good.totalSent(), good.totalSent() * GOOD, delivered, good.problems());

            // every hostile connection is gone and counted
            Map<String, Integer> expected = expectedCloses(runs);
            int expectedConnections = GOOD;
            String after = awaitConnections(probe, expectedConnections, expected, before);
            for (RawWebSocket ws : slowReaders) {
                ws.close();
            }
            long endHeap = probe.heapAfterGcKib();
            heapSamples.add(endHeap);
            long endFiles = probe.openFiles();
            log(
                    "server heap after GC: baseline %d KiB, samples %s KiB; open files %d -> %d; whole test %d ms",
                    baseHeap, heapSamples, baseFiles, endFiles, ms(t0));

            assertThat(good.problems()).isEmpty();
            assertThat(delivered).as("every good message reached every good client").isTrue();
            assertThat(good.totalSent())
                    .isGreaterThanOrEqualTo((long) (GOOD * GOOD_RATE * MIN_CHAT.toSeconds() * 0.8));
            assertThat(wrong).as("attackers that saw the wrong close").isEmpty();
            int hostileConnections =
                    runs.entrySet().stream()
                            .mapToInt(e -> e.getValue() * e.getKey().connections())
                            .sum();
            assertThat(hostileConnections).isGreaterThanOrEqualTo(1000);
            Map<String, Double> counted = new HashMap<>();
            for (String tag : allTags(expected)) {
                counted.put(tag, closes(after, tag) - closes(before, tag));
            }
            Map<String, Double> want = new HashMap<>();
            for (String tag : allTags(expected)) {
                want.put(tag, (double) expected.getOrDefault(tag, 0));
            }
            assertThat(counted)
                    .as("closes counted by /metrics vs caused by the test")
                    .isEqualTo(want);
            int handshakes =
                    runs.entrySet().stream()
                            .mapToInt(e -> e.getValue() * e.getKey().handshakes)
                            .sum();
            assertThat(handshakesOk(after) - handshakesOk(before)).isEqualTo(handshakes);
            assertThat(ProcessProbe.Metrics.value(after, "parley_connections")).isEqualTo(GOOD);
            assertThat(endHeap).as("server heap after GC, KiB").isLessThan(baseHeap + 24 * 1024);
            assertThat(heapSamples).allSatisfy(h -> assertThat(h).isLessThan(baseHeap + 48 * 1024));
            assertThat(endFiles).as("server open files").isLessThanOrEqualTo(baseFiles + 4);
            assertThat(server.isAlive()).isTrue();
        }
    }

    /** 127.0.0.2 to 127.0.0.9, round robin. */
    private static InetAddress address(int i) throws java.net.UnknownHostException {
        return InetAddress.getByName("127.0.0." + (2 + Math.floorMod(i, 8)));
    }

    private static void expectCode(ConcurrentLinkedQueue<String> wrong, Attack a, int seen) {
        boolean ok = seen == a.closeCode || (a.closeFrameMayBeReset() && seen == -1);
        if (!ok) {
            wrong.add(a + " saw " + seen + " instead of " + a.closeCode);
        }
    }

    private static Map<String, Integer> expectedCloses(Map<Attack, Integer> runs) {
        Map<String, Integer> want = new HashMap<>();
        runs.forEach((a, n) -> a.closes.forEach((tag, k) -> want.merge(tag, k * n, Integer::sum)));
        return want;
    }

    /** Every tag the server knows plus the expected ones, so unexpected closes show up too. */
    private static List<String> allTags(Map<String, Integer> expected) {
        List<String> tags = new ArrayList<>(expected.keySet());
        for (String t :
                List.of(
                        "shutdown",
                        "idle_timeout",
                        "protocol_error",
                        "binary_on_v1",
                        "text_on_v2",
                        "not_utf8",
                        "bad_hello",
                        "bad_name",
                        "bad_base64",
                        "bad_key",
                        "name_taken",
                        "not_authorized",
                        "handshake_failed",
                        "session_id_mismatch",
                        "bad_message",
                        "replayed",
                        "rate_limited",
                        "handshake_timeout",
                        "per_ip_cap",
                        "slow_reader",
                        "too_big",
                        "internal",
                        "overloaded",
                        "upgrade_timeout",
                        "peer")) {
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
        return tags;
    }

    /** Scrapes until the connection gauge and the expected close counts settle (bounded). */
    private static String awaitConnections(
            ProcessProbe probe, int connections, Map<String, Integer> expected, String before)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String now = probe.scrape();
        while (System.nanoTime() < deadline) {
            now = probe.scrape();
            boolean settled = ProcessProbe.Metrics.value(now, "parley_connections") == connections;
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                settled &= closes(now, e.getKey()) - closes(before, e.getKey()) >= e.getValue();
            }
            if (settled) {
                Thread.sleep(500); // anything late would show up as a surplus
                return probe.scrape();
            }
            Thread.sleep(200);
        }
        return now;
    }

    private static double closes(String metrics, String tag) {
        return ProcessProbe.Metrics.value(metrics, "parley_closes_total{reason=\"" + tag + "\"}");
    }

    private static double handshakesOk(String metrics) {
        return ProcessProbe.Metrics.value(
                metrics, "parley_handshakes_total{reason=\"none\",result=\"ok\"}");
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[abuse] " + format + "%n", args);
    }
}
