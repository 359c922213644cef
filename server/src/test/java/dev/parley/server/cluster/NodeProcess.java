package dev.parley.server.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ClusterNodeMain} in a child JVM; {@link #kill()} is SIGKILL. Output goes to a file. */
final class NodeProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("(?m)^PORT (\\d+)$");
    private final Process process;
    private final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NodeProcess start(String redisUri, Path clusterKeyFile, Path serverKeyFile, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        Path log = dir.resolve("node.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p =
                new ProcessBuilder(
                                List.of(
                                        java,
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        ClusterNodeMain.class.getName(),
                                        redisUri,
                                        clusterKeyFile.toString(),
                                        serverKeyFile.toString(),
                                        dir.resolve("data").toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("node process exited; see " + log);
                }
                Matcher m = PORT.matcher(Files.readString(log));
                if (m.find()) {
                    return new NodeProcess(p, Integer.parseInt(m.group(1)));
                }
                Thread.sleep(50);
            }
            throw new IOException("node process did not start in time; see " + log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** SIGKILL: no close frames, no presence withdrawal, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
