package dev.parley.server.hardening;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ServerMain} as a child JVM on this JVM's classpath. {@link #close()} kills it (SIGKILL) if
 * it is still running; call it in a finally block.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final PublicKey key;

    private ServerProcess(Process process, int port, PublicKey key) {
        this.process = process;
        this.port = port;
        this.key = key;
    }

    /**
     * Starts the server and waits up to 60 s for its READY line.
     *
     * @param shellPrefix null, or a bash snippet run before exec'ing java (e.g. {@code ulimit -f
     *     64;})
     * @param log where the child's output goes (its log lines: logback writes to stdout)
     */
    public static ServerProcess start(
            List<String> jvmOptions, List<String> serverArgs, String shellPrefix, Path log)
            throws IOException, InterruptedException, TimeoutException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ServerMain.class.getName());
        cmd.addAll(serverArgs);
        ProcessBuilder pb;
        if (shellPrefix == null) {
            pb = new ProcessBuilder(cmd);
        } else {
            StringBuilder sh = new StringBuilder(shellPrefix).append(" exec");
            for (String c : cmd) {
                sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
            }
            pb = new ProcessBuilder("/bin/bash", "-c", sh.toString());
        }
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                            new BufferedReader(
                                                    new InputStreamReader(
                                                            p.getInputStream(),
                                                            StandardCharsets.UTF_8));
                                    java.io.Writer out =
                                            java.nio.file.Files.newBufferedWriter(
                                                    log,
                                                    StandardCharsets.UTF_8,
                                                    java.nio.file.StandardOpenOption.CREATE,
                                                    java.nio.file.StandardOpenOption.APPEND)) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    if (line.startsWith("READY ")) {
                                        ready.complete(line);
                                    } else {
                                        out.write(line);
                                        out.write('\n');
                                        out.flush();
                                    }
                                }
                            } catch (IOException ignored) {
                                // child ended
                            }
                            ready.complete(null);
                        },
                        "server-process-stdout");
        reader.setDaemon(true);
        reader.start();
        String line;
        try {
            line = ready.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw e;
        }
        if (line == null) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "server process exited before READY (exit "
                            + (p.isAlive() ? "?" : p.exitValue())
                            + "), see "
                            + log);
        }
        String[] parts = line.split(" ");
        try {
            return new ServerProcess(
                    p,
                    Integer.parseInt(parts[1]),
                    PublicKey.fromBytes(Base64.getDecoder().decode(parts[2])));
        } catch (KeyFormatException e) {
            p.destroyForcibly();
            throw new IllegalStateException("bad key in READY line", e);
        }
    }

    public int port() {
        return port;
    }

    public PublicKey key() {
        return key;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL and wait (bounded) for the process to be gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    /** SIGTERM (graceful), then SIGKILL if still running after the timeout; the exit code or -1. */
    public int stop(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
