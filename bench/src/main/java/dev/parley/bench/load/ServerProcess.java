package dev.parley.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process started by the bench: waits for its {@code listening on ws://host:port/} line
 * (and an optional {@code public key: <base64>} line), measures it through {@code /proc} and {@code
 * jcmd}, and stops it on {@link #close()} or at JVM exit (shutdown hook).
 *
 * <p>Its stderr goes to a log file; stdout lines after start-up are kept for the Node server's
 * {@code stats} answer. Thread-safe.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING =
            Pattern.compile("listening on ws://([^/\\s]+):(\\d+)/");
    private static final Pattern PUBLIC_KEY = Pattern.compile("public key: ([A-Za-z0-9+/=]+)");
    private static final Pattern NODE_HEAP = Pattern.compile("\"heapUsed\":(\\d+)");

    /** Which runtime the process is, for heap measurement (none for Redis). */
    public enum Kind {
        JAVA,
        NODE,
        REDIS
    }

    private final Process process;
    private final Kind kind;
    private final int port;
    private final String publicKey;
    private final Path log;
    private final BlockingQueue<String> lines;
    private final Thread hook;

    private ServerProcess(
            Process process,
            Kind kind,
            int port,
            String publicKey,
            Path log,
            BlockingQueue<String> lines) {
        this.process = process;
        this.kind = kind;
        this.port = port;
        this.publicKey = publicKey;
        this.log = log;
        this.lines = lines;
        this.hook = new Thread(this::stop, "bench-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code command} and waits up to {@code startSeconds} for its listening line.
     *
     * @throws IOException if it cannot start, exits early, or does not announce a port in time
     */
    public static ServerProcess start(List<String> command, Kind kind, Path log, int startSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    p.getInputStream(), StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    lines.offer(
                                            line); // drops lines when nobody reads: never blocks
                                    // the server
                                }
                            } catch (IOException e) {
                                // process gone
                            }
                        },
                        "bench-out-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        int port = -1;
        String key = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startSeconds);
        try {
            while (System.nanoTime() < deadline
                    && (port < 0 || (key == null && kind == Kind.JAVA && needsKey(command)))) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!p.isAlive()) {
                        throw new IOException(
                                "server exited with status " + p.exitValue() + "; see " + log);
                    }
                    continue;
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(2));
                }
                if (kind == Kind.REDIS && line.contains("Ready to accept connections")) {
                    port = redisPort(command);
                }
                Matcher k = PUBLIC_KEY.matcher(line);
                if (k.find()) {
                    key = k.group(1);
                }
            }
            if (port < 0) {
                throw new IOException(
                        "server did not announce its port within "
                                + startSeconds
                                + " s; see "
                                + log);
            }
            if (key == null) {
                // the reference server prints its key right after the port; give it a moment
                String line = lines.poll(2, TimeUnit.SECONDS);
                if (line != null) {
                    Matcher k = PUBLIC_KEY.matcher(line);
                    key = k.find() ? k.group(1) : null;
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        return new ServerProcess(p, kind, port, key, log, lines);
    }

    /**
     * A throw-away {@code redis-server} on a free loopback port: no persistence, no protected mode
     * needed (bound to 127.0.0.1 only).
     */
    public static ServerProcess startRedis(Path log) throws IOException, InterruptedException {
        int port;
        try (java.net.ServerSocket probe =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return start(
                List.of(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no"),
                Kind.REDIS,
                log,
                Targets.START_SECONDS);
    }

    private static int redisPort(List<String> command) {
        return Integer.parseInt(command.get(command.indexOf("--port") + 1));
    }

    private static boolean needsKey(List<String> command) {
        return command.contains("server"); // the parley server command prints its key
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** The server's public key as base64, or null if it printed none (plaintext server). */
    public String publicKey() {
        return publicKey;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long cpuNanos() {
        return ProcStats.cpuNanos(pid());
    }

    public long rssBytes() {
        return ProcStats.statusBytes(pid(), "VmRSS");
    }

    public long peakRssBytes() {
        return ProcStats.statusBytes(pid(), "VmHWM");
    }

    /**
     * Heap in use after a full collection: {@code jcmd GC.run} then {@code GC.heap_info} for Java;
     * for Node the reference server answers {@code stats} on stdin after a forced GC.
     */
    public OptionalLong heapUsedAfterGc() throws InterruptedException {
        try {
            if (kind == Kind.JAVA) {
                run(List.of(jcmd(), Long.toString(pid()), "GC.run"));
                return ProcStats.heapUsedFromHeapInfo(
                        run(List.of(jcmd(), Long.toString(pid()), "GC.heap_info")));
            }
            return kind == Kind.NODE ? nodeStats() : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Writes the server's live-object histogram ({@code jcmd GC.class_histogram}, Java only) to
     * {@code file}, for finding what a session keeps on the heap. Returns false if not possible.
     */
    public boolean writeClassHistogram(Path file) throws InterruptedException {
        if (kind != Kind.JAVA) {
            return false;
        }
        try {
            String histogram = run(List.of(jcmd(), Long.toString(pid()), "GC.class_histogram"));
            java.nio.file.Files.writeString(file, histogram, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private OptionalLong nodeStats() throws IOException, InterruptedException {
        lines.clear();
        OutputStream in = process.getOutputStream();
        PrintWriter w = new PrintWriter(in, true, StandardCharsets.UTF_8);
        w.println("stats");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                Matcher m = NODE_HEAP.matcher(line);
                if (m.find()) {
                    return OptionalLong.of(Long.parseLong(m.group(1)));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String jcmd() {
        Path p = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return p.toFile().canExecute() ? p.toString() : "jcmd";
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException(command + " timed out");
            }
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: graceful shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s). Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stop() again, harmlessly
        }
    }
}
