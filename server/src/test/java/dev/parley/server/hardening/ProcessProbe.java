package dev.parley.server.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a running server process's resources: open files, threads, heap after GC, metrics. */
final class ProcessProbe {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private final long pid;
    private final int port;

    ProcessProbe(long pid, int port) {
        this.pid = pid;
        this.port = port;
    }

    /** Entries in /proc/pid/fd (files, sockets, pipes); -1 if unreadable. */
    long openFiles() {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A field of /proc/pid/status (e.g. Threads, VmRSS) as a number (kB for sizes); -1 if absent.
     */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                            line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Forces a full GC with jcmd and returns the used heap in KiB afterwards; -1 on failure. */
    long heapAfterGcKib() {
        run("GC.run");
        Matcher m = HEAP_USED.matcher(run("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private String run(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p =
                    new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                            .redirectErrorStream(true)
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The Prometheus text from /metrics; empty on failure. */
    String scrape() {
        return Metrics.scrape(HTTP, port);
    }

    /** Prometheus text helpers. */
    static final class Metrics {
        private Metrics() {}

        static String scrape(HttpClient http, int port) {
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? r.body() : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        /**
         * The value of the sample whose name-and-labels text equals {@code series}; 0 if absent.
         */
        static double value(String text, String series) {
            for (String line : text.split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(
                            line.substring(series.length() + 1).trim().split(" ")[0]);
                }
            }
            return 0;
        }
    }
}
