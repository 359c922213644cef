package dev.parley.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: loopback only, on a free port, in its own directory,
 * without persistence unless asked for. {@link #stop()} kills it (it can be started again on the
 * same port and directory with {@link #start()}: a Redis restart); {@link #close()} kills it for
 * good. Every wait is bounded.
 */
public final class RedisServerProcess implements AutoCloseable {
    /**
     * scripts/install-test-deps installs Debian's redis-server; -Dparley.redis.server=PATH
     * overrides.
     */
    private static final String BINARY =
            System.getProperty("parley.redis.server", "/usr/bin/redis-server");

    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Path dir;
    private final boolean persistent;
    private final int port;
    private Process process;

    private RedisServerProcess(Path dir, boolean persistent, int port) {
        this.dir = dir;
        this.persistent = persistent;
        this.port = port;
    }

    /** Starts a Redis without persistence ({@code --save '' --appendonly no}). */
    public static RedisServerProcess startEphemeral(Path dir) throws IOException {
        return launch(dir, false);
    }

    /** Starts a Redis with an append-only file synced on every write: survives {@link #stop()}. */
    public static RedisServerProcess startPersistent(Path dir) throws IOException {
        return launch(dir, true);
    }

    private static RedisServerProcess launch(Path dir, boolean persistent) throws IOException {
        RedisServerProcess r = new RedisServerProcess(dir, persistent, freePort());
        r.start();
        return r;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port/db} */
    public String uri(int db) {
        return "redis://127.0.0.1:" + port + "/" + db;
    }

    /** (Re)starts the process on the same port and directory; returns once it answers PING. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Files.createDirectories(dir);
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                BINARY,
                                "--bind",
                                "127.0.0.1",
                                "--port",
                                Integer.toString(port),
                                "--dir",
                                dir.toString(),
                                "--save",
                                "",
                                "--protected-mode",
                                "yes",
                                "--daemonize",
                                "no",
                                "--logfile",
                                dir.resolve("redis.log").toString()));
        if (persistent) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        process =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()))
                        .start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "redis-server exited at start; see " + dir.resolve("redis.log"));
            }
            if (ping()) {
                return;
            }
            sleep(20);
        }
        stop();
        throw new IOException("redis-server did not answer within " + START_TIMEOUT_MILLIS + " ms");
    }

    /** Kills the process (SIGKILL: like a crash) and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** Sends one inline command and returns the first reply line (tests: FLUSHALL, DBSIZE ...). */
    public String command(String inline) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    private boolean ping() {
        try {
            return "+PONG".equals(command("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
