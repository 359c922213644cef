package dev.parley.bench.load;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Starts the systems the bench compares, each as its own process on a free loopback port: the
 * Parley server ({@code parley server} with limits opened up for load), the Node reference server
 * ({@code bench/reference/server.js}), the plaintext Netty ceiling; or describes an external
 * server. Each started process is stopped by {@link Target#close()} and at JVM exit.
 */
public final class Targets {
    /**
     * The main class of the {@code parley} command; started by name, no compile-time dependency.
     */
    public static final String PARLEY_MAIN = "dev.parley.cli.ParleyCommand";

    public static final String PLAINTEXT_MAIN = "dev.parley.bench.plain.PlaintextBroadcastServer";
    static final int START_SECONDS = 60;
    private static final java.util.concurrent.atomic.AtomicInteger STARTS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    /**
     * Where and how to start servers.
     *
     * @param workDir logs, data directories and JFR recordings go here
     * @param classpath classpath holding this module (the plaintext server)
     * @param parleyClasspath classpath holding the parley command (usually the same)
     * @param serverJvmArgs extra JVM flags for Java servers (heap size, GC)
     * @param referenceDir directory of {@code server.js} with its {@code node_modules}
     * @param jfr record each Java server with JFR into {@code workDir}
     */
    public record Launch(
            Path workDir,
            String classpath,
            String parleyClasspath,
            List<String> serverJvmArgs,
            Path referenceDir,
            boolean jfr) {
        public Launch {
            serverJvmArgs = List.copyOf(serverJvmArgs);
        }
    }

    private Targets() {}

    /**
     * Parley with embedded storage in a fresh data directory, {@code open} identities, no history
     * replay.
     */
    public static Target parley(
            Launch l, WireDialect dialect, String label, List<String> extraServerArgs)
            throws IOException, InterruptedException {
        ServerProcess p = startParley(l, label, extraServerArgs);
        return new Target(label, dialect, List.of(url(p)), key(p.publicKey(), label), List.of(p));
    }

    /**
     * Two Parley nodes sharing a Redis (cluster mode: {@code --redis} and {@code
     * --cluster-key-file}, one server key file for both). {@code redisUrl} null: the bench starts a
     * throw-away {@code redis-server}, counted as part of the target (CPU, RSS) and stopped with
     * it.
     */
    public static Target parleyCluster(Launch l, WireDialect dialect, String label, String redisUrl)
            throws IOException, InterruptedException {
        ServerProcess redis = null;
        if (redisUrl == null) {
            redis =
                    ServerProcess.startRedis(
                            l.workDir().resolve(fileName(label + "-redis", ".log")));
            redisUrl = "redis://127.0.0.1:" + redis.port();
        }
        try {
            return parleyNodes(l, dialect, label, redisUrl, redis);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            throw e;
        }
    }

    private static Target parleyNodes(
            Launch l, WireDialect dialect, String label, String redisUrl, ServerProcess redis)
            throws IOException, InterruptedException {
        // both nodes get one key file, so clients pin one server key whichever node they reach
        Path keyFile = Files.createTempFile(l.workDir(), label + "-server-", ".key", OWNER_ONLY);
        Files.writeString(
                keyFile,
                Base64.getEncoder().encodeToString(KeyPair.generate().privateKey().toByteArray())
                        + "\n");
        Path clusterKey =
                Files.createTempFile(l.workDir(), label + "-cluster-", ".key", OWNER_ONLY);
        byte[] shared = new byte[32];
        new java.security.SecureRandom().nextBytes(shared);
        Files.writeString(clusterKey, Base64.getEncoder().encodeToString(shared) + "\n");
        List<String> args =
                List.of(
                        "--redis",
                        redisUrl,
                        "--key-file",
                        keyFile.toString(),
                        "--cluster-key-file",
                        clusterKey.toString());
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            nodes.add(startParley(l, label + "-a", args));
            nodes.add(startParley(l, label + "-b", args));
        } catch (IOException | InterruptedException | RuntimeException e) {
            nodes.forEach(ServerProcess::close);
            throw e;
        }
        if (redis != null) {
            nodes.add(redis);
        }
        return new Target(
                label,
                dialect,
                List.of(url(nodes.get(0)), url(nodes.get(1))),
                key(nodes.get(0).publicKey(), label),
                nodes);
    }

    private static ServerProcess startParley(Launch l, String label, List<String> extraServerArgs)
            throws IOException, InterruptedException {
        Path data = Files.createTempDirectory(l.workDir(), label + "-data-");
        List<String> cmd = new ArrayList<>(java(l, label));
        cmd.addAll(
                List.of(
                        "-cp",
                        l.parleyClasspath(),
                        PARLEY_MAIN,
                        "server",
                        "--port",
                        "0",
                        "--data",
                        data.toString(),
                        "--identity",
                        "open",
                        "--rate",
                        "1000000",
                        "--burst",
                        "1000000",
                        "--max-per-ip",
                        "1000000",
                        "--outbound-queue",
                        "100000",
                        "--handshake-queue",
                        "100000",
                        "--history",
                        "0",
                        "--idle-timeout",
                        "3600",
                        "--handshake-timeout",
                        "60"));
        cmd.addAll(extraServerArgs);
        return ServerProcess.start(
                cmd,
                ServerProcess.Kind.JAVA,
                l.workDir().resolve(fileName(label, ".log")),
                START_SECONDS);
    }

    /** The Node reference server, {@code mode} unicast or n2. */
    public static Target reference(Launch l, String mode, String label)
            throws IOException, InterruptedException {
        Path script = l.referenceDir().resolve("server.js");
        if (!Files.isRegularFile(script)
                || !Files.isDirectory(l.referenceDir().resolve("node_modules").resolve("ws"))) {
            throw new IOException(
                    script + " or its node_modules is missing: run scripts/install-test-deps");
        }
        List<String> cmd =
                List.of("node", "--expose-gc", script.toString(), "--port", "0", "--mode", mode);
        ServerProcess p =
                ServerProcess.start(
                        cmd,
                        ServerProcess.Kind.NODE,
                        l.workDir().resolve(fileName(label, ".log")),
                        START_SECONDS);
        return new Target(
                label, WireDialect.V1, List.of(url(p)), key(p.publicKey(), label), List.of(p));
    }

    /** The plaintext broadcast server (no crypto): the ceiling. */
    public static Target plaintext(Launch l, String label)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(java(l, label));
        cmd.addAll(List.of("-cp", l.classpath(), PLAINTEXT_MAIN, "0"));
        ServerProcess p =
                ServerProcess.start(
                        cmd,
                        ServerProcess.Kind.JAVA,
                        l.workDir().resolve(fileName(label, ".log")),
                        START_SECONDS);
        return new Target(label, WireDialect.PLAIN, List.of(url(p)), null, List.of(p));
    }

    /** A server the bench did not start (no CPU or memory figures). */
    public static Target external(
            String label, WireDialect dialect, List<URI> urls, String serverKeyBase64) {
        return new Target(
                label,
                dialect,
                urls,
                serverKeyBase64 == null ? null : key(serverKeyBase64, label),
                List.of());
    }

    private static List<String> java(Launch l, String label) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(l.serverJvmArgs());
        if (l.jfr()) {
            cmd.add(
                    "-XX:StartFlightRecording=settings=profile,filename="
                            + l.workDir().resolve(fileName(label, ".jfr")).toAbsolutePath());
        }
        return cmd;
    }

    /**
     * {@code <label>-<n><suffix>}, n counting server starts in this JVM, so each start (one per
     * scenario) keeps its own log and recording; the .log and .jfr of one start share n.
     */
    private static String fileName(String label, String suffix) {
        int n = suffix.equals(".jfr") ? STARTS.get() + 1 : STARTS.incrementAndGet();
        return label + "-" + n + suffix;
    }

    private static URI url(ServerProcess p) {
        return URI.create("ws://127.0.0.1:" + p.port() + "/");
    }

    private static PublicKey key(String base64, String label) {
        if (base64 == null) {
            throw new IllegalStateException(label + ": the server printed no public key");
        }
        try {
            return PublicKey.fromBytes(Base64.getDecoder().decode(base64));
        } catch (KeyFormatException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    label + ": the server printed an invalid public key", e);
        }
    }
}
