package dev.parley.server.hardening;

import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.RawWebSocket;
import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-run soak (not part of the test command; {@code scripts/soak}). Starts the server as a
 * child JVM, keeps {@code --clients} v1 clients chatting at {@code --rate} messages per second
 * each, churns connections (a connect, handshake and close per second) and sends a malformed hello
 * every 5 s. Each minute it prints the delivery latency percentiles, message loss, the server's
 * open files, threads, heap after a forced GC (jcmd) and RSS. At the end it closes every client and
 * checks the server is back to its starting connections and open files.
 *
 * <p>Exit code 0 if no message was lost, duplicated or answered with an error and nothing leaked; 1
 * otherwise.
 */
public final class SoakRunner {
    private SoakRunner() {}

    public static void main(String[] args) throws Exception {
        double minutes = 30;
        int clients = 10;
        double rate = 4;
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = Files.createTempDirectory("parley-soak");
        PrintStream report =
                out == null
                        ? System.out
                        : new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8);
        try (ServerProcess server =
                ServerProcess.start(
                        List.of("-Xmx256m"),
                        List.of("--data", data.toString()),
                        null,
                        data.resolve("server.log"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "soak-stop-server"));
            report.println("# data directory and server log (kept): " + data);
            int code =
                    run(server, clients, rate, Duration.ofSeconds((long) (minutes * 60)), report);
            server.stop(15);
            System.exit(code);
        }
    }

    private static int run(
            ServerProcess server, int clientCount, double rate, Duration length, PrintStream report)
            throws Exception {
        ProcessProbe probe = new ProcessProbe(server.pid(), server.port());
        Thread.sleep(2000);
        long baseFiles = probe.openFiles();
        long baseThreads = probe.status("Threads");
        report.printf(
                "# soak: %d clients x %.1f msg/s for %s, server pid %d, start %s%n",
                clientCount, rate, length, server.pid(), Instant.now());
        report.printf(
                "# baseline: open files %d, threads %d, heap after GC %d KiB%n",
                baseFiles, baseThreads, probe.heapAfterGcKib());

        LatencyLog latencies = new LatencyLog();
        long endAt = System.nanoTime() + length.toNanos();
        List<SoakClient> chatters = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            chatters.add(new SoakClient("soak" + i, clientCount, server, rate, endAt, latencies));
        }
        for (SoakClient c : chatters) {
            c.connect();
        }
        List<Thread> threads = new ArrayList<>();
        for (SoakClient c : chatters) {
            threads.add(start(c::run, "soak-" + c.name()));
        }
        AtomicLong churned = new AtomicLong();
        AtomicLong churnFailures = new AtomicLong();
        AtomicLong hostileRefused = new AtomicLong();
        threads.add(start(() -> churn(server, endAt, churned, churnFailures), "soak-churn"));
        threads.add(start(() -> hostile(server, endAt, hostileRefused), "soak-hostile"));

        report.println(
                "| minute | msgs delivered | p50 ms | p95 ms | p99 ms | max ms | open files | threads"
                        + " | heap after GC KiB | RSS KiB | connections | churned | load avg |");
        report.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        int minute = 0;
        while (System.nanoTime() < endAt) {
            long next = Math.min(endAt, System.nanoTime() + Duration.ofMinutes(1).toNanos());
            while (System.nanoTime() < next) {
                Thread.sleep(Math.max(1, Math.min(1000, (next - System.nanoTime()) / 1_000_000)));
            }
            minute++;
            long[] p = latencies.drainPercentiles();
            String metrics = probe.scrape();
            report.printf(
                    "| %d | %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %.0f | %d | %s |%n",
                    minute,
                    p[0],
                    p[1] / 1e6,
                    p[2] / 1e6,
                    p[3] / 1e6,
                    p[4] / 1e6,
                    probe.openFiles(),
                    probe.status("Threads"),
                    probe.heapAfterGcKib(),
                    probe.status("VmRSS"),
                    ProcessProbe.Metrics.value(metrics, "parley_connections"),
                    churned.get(),
                    loadAverage());
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        for (SoakClient c : chatters) {
            c.close();
        }
        Thread.sleep(3000);
        long endFiles = probe.openFiles();
        double endConnections = ProcessProbe.Metrics.value(probe.scrape(), "parley_connections");
        long lost = 0;
        long duplicated = 0;
        long errors = 0;
        long closes = 0;
        long sent = 0;
        long[] sentByPeer = new long[chatters.size()];
        for (int i = 0; i < sentByPeer.length; i++) {
            sentByPeer[i] = chatters.get(i).sent();
        }
        for (SoakClient c : chatters) {
            lost += c.lost() + c.missingTail(sentByPeer);
            duplicated += c.duplicated();
            errors += c.errors();
            closes += c.unexpectedCloses();
            sent += c.sent();
        }
        report.printf(
                "# end %s: sent %d, lost %d, duplicated %d, error lines %d, unexpected closes %d, "
                        + "churn connects %d (failed %d), malformed hellos refused %d%n",
                Instant.now(),
                sent,
                lost,
                duplicated,
                errors,
                closes,
                churned.get(),
                churnFailures.get(),
                hostileRefused.get());
        report.printf(
                "# after all clients closed: connections %.0f, open files %d (baseline %d), threads %d (baseline %d)%n",
                endConnections, endFiles, baseFiles, probe.status("Threads"), baseThreads);
        boolean ok =
                lost == 0
                        && duplicated == 0
                        && errors == 0
                        && closes == 0
                        && churnFailures.get() == 0
                        && endConnections == 0
                        && endFiles <= baseFiles + 2;
        report.println("# verdict: " + (ok ? "PASS" : "FAIL"));
        return ok ? 0 : 1;
    }

    private static void churn(
            ServerProcess server, long endAt, AtomicLong churned, AtomicLong failures) {
        KeyPair[] keys = new KeyPair[8];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = KeyPair.generate();
        }
        int i = 0;
        while (System.nanoTime() < endAt) {
            int slot = i++ % keys.length;
            try (ChatClient c =
                    ChatClient.connect(
                            server.port(),
                            ChatClient.Protocol.V1,
                            "churn" + slot,
                            keys[slot],
                            server.key())) {
                if (c.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT) == null) {
                    failures.incrementAndGet();
                }
                churned.incrementAndGet();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
            sleep(1000);
        }
    }

    private static void hostile(ServerProcess server, long endAt, AtomicLong refused) {
        while (System.nanoTime() < endAt) {
            try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
                ws.sendText("no colon here");
                RawWebSocket.Frame f = ws.awaitClose(Duration.ofSeconds(10));
                if (f != null && f.closeCode() == 1008) {
                    refused.incrementAndGet();
                }
            } catch (IOException e) {
                // counted as not refused
            }
            sleep(5000);
        }
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
