package dev.parley.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code src/test/node/tutorial-client.js} (WasmThemis under Node, doing what the tutorial's
 * Android app does) as a child process. Lines out are the client's JSON reports.
 */
public final class NodeTutorialClient implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();

    private NodeTutorialClient(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    reports.add(line);
                                }
                            } catch (IOException ignored) {
                                // process ended
                            }
                        },
                        "node-tutorial-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** The WasmThemis directory from the build, or null if it is not installed. */
    public static Path wasmPeerDir() {
        String dir = System.getProperty("parley.wasm.peer.dir");
        if (dir == null || !Path.of(dir, "node_modules", "wasm-themis").toFile().isDirectory()) {
            return null;
        }
        return Path.of(dir);
    }

    public static NodeTutorialClient start(int port, String name, String serverKeyBase64)
            throws IOException {
        Path script = Path.of("src", "test", "node", "tutorial-client.js").toAbsolutePath();
        ProcessBuilder pb =
                new ProcessBuilder(
                        "node",
                        script.toString(),
                        wasmPeerDir().toString(),
                        Integer.toString(port),
                        name,
                        serverKeyBase64);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new NodeTutorialClient(pb.start());
    }

    public void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Skips reports until one matches; null if none within the timeout. */
    public String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String r = reports.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (r == null) {
                return null;
            }
            if (match.test(r)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Awaits the report {@code {"line":"<line>"}}; JSON escaping is not needed for the tests' ASCII
     * lines.
     */
    public boolean awaitLine(String line, Duration timeout) throws InterruptedException {
        String expected = "{\"line\":\"" + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return await(expected::equals, timeout) != null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
