package dev.parley.themis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real Themis as a test peer: WasmThemis 0.15.0 (Themis Core compiled to WebAssembly) running
 * {@code testing/wasm-peer/peer.js} under Node, driven over stdin/stdout one JSON line at a time.
 *
 * <p>Every method sends one command and waits (bounded by the reply timeout) for its reply. A
 * Themis failure becomes a {@link WasmThemisException} carrying the Themis error code; a broken
 * peer (no reply in time, process gone, garbage on stdout) becomes an {@link IllegalStateException}
 * with the peer's recent stderr, and the peer is closed. Missing Node or WasmThemis is a failure
 * with instructions, never a skipped test: interop claims must be real.
 *
 * <p>Where the peer lives: system property {@value #PEER_DIR_PROPERTY} (set by the parent pom's
 * surefire configuration), otherwise the first {@code testing/wasm-peer} found walking up from the
 * working directory. The Node executable is {@code node} on the PATH unless system property {@value
 * #NODE_PROPERTY} names another.
 *
 * <p>Thread-safe (commands are serialised), but meant for one test class at a time. Close it:
 * {@link #close()} ends the Node process and the threads that read its output.
 */
public final class WasmThemisPeer implements AutoCloseable {
    public static final String PEER_DIR_PROPERTY = "parley.wasm.peer.dir";
    public static final String NODE_PROPERTY = "parley.node";
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final int STDERR_LINES_KEPT = 40;

    /** Marks the end of the peer's stdout in {@link #lines}. */
    private static final String END_OF_OUTPUT = new String("<end of output>");

    /** Raw Themis key containers as WasmThemis generated them. */
    public record RawKeyPair(byte[] privateKey, byte[] publicKey) {}

    /** Token Protect output. */
    public record TokenProtected(byte[] data, byte[] token) {}

    /** A Secure Session peer WasmThemis should know: its id and public key container. */
    public record KnownPeer(byte[] id, byte[] publicKey) {}

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrDrain;
    private final Duration replyTimeout;
    private boolean closed;

    private WasmThemisPeer(Process process, Duration replyTimeout) {
        this.process = process;
        this.replyTimeout = replyTimeout;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdoutReader = daemon("wasm-peer-stdout", () -> pump(process.getInputStream(), false));
        this.stderrDrain = daemon("wasm-peer-stderr", () -> pump(process.getErrorStream(), true));
    }

    /** Starts the peer found by {@link #locatePeerDirectory()} with the default reply timeout. */
    public static WasmThemisPeer start() {
        return start(locatePeerDirectory(), DEFAULT_REPLY_TIMEOUT);
    }

    /**
     * Starts {@code node peer.js} in {@code peerDir} and waits for it to report ready.
     *
     * @throws IllegalStateException if Node or WasmThemis is missing or the peer does not start
     */
    public static WasmThemisPeer start(Path peerDir, Duration replyTimeout) {
        return start(peerDir, replyTimeout, System.getProperty(NODE_PROPERTY, "node"));
    }

    static WasmThemisPeer start(Path peerDir, Duration replyTimeout, String node) {
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        Path dir = checkInstalled(peerDir);
        Process process;
        try {
            process = new ProcessBuilder(node, "peer.js").directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run Node ("
                            + node
                            + "), needed for the WasmThemis "
                            + "interop tests: install Node 20 (scripts/install-test-deps) or set -D"
                            + NODE_PROPERTY
                            + "=/path/to/node: "
                            + e.getMessage(),
                    e);
        }
        WasmThemisPeer peer = new WasmThemisPeer(process, replyTimeout);
        try {
            Map<String, Object> ready = peer.awaitReply("start-up", START_TIMEOUT);
            if (!Boolean.TRUE.equals(ready.get("ready"))) {
                throw new IllegalStateException(
                        "WasmThemis peer did not start: " + ready + peer.stderrReport());
            }
            return peer;
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    /**
     * The peer directory: system property {@value #PEER_DIR_PROPERTY}, else {@code
     * testing/wasm-peer} in the working directory or one of its parents.
     *
     * @throws IllegalStateException if neither exists
     */
    public static Path locatePeerDirectory() {
        String configured = System.getProperty(PEER_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("testing").resolve("wasm-peer");
            if (Files.isRegularFile(candidate.resolve("peer.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "cannot find testing/wasm-peer above "
                        + start
                        + "; set -D"
                        + PEER_DIR_PROPERTY
                        + "=<repo>/testing/wasm-peer");
    }

    private static Path checkInstalled(Path peerDir) {
        Path dir = peerDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("peer.js"))) {
            throw new IllegalStateException(
                    "no peer.js in " + dir + " (-D" + PEER_DIR_PROPERTY + ")");
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/wasm-themis/dist/libthemis.wasm"))) {
            throw new IllegalStateException(
                    "WasmThemis is not installed in "
                            + dir
                            + ": run `npm ci` there (or scripts/install-test-deps). The interop tests need it.");
        }
        return dir;
    }

    // ---- keys ----

    public RawKeyPair generateKeyPair() {
        Map<String, Object> r = call(new PeerJson.Command("keypair"));
        return new RawKeyPair(bytesField(r, "priv"), bytesField(r, "pub"));
    }

    // ---- Secure Cell ----

    /** Seal mode with a symmetric key; {@code context} may be null (none). */
    public byte[] sealEncrypt(byte[] key, byte[] message, byte[] context) {
        return data(
                new PeerJson.Command("seal_encrypt")
                        .bytes("key", key)
                        .bytes("msg", message)
                        .optionalBytes("ctx", context));
    }

    public byte[] sealDecrypt(byte[] key, byte[] encrypted, byte[] context) {
        return data(
                new PeerJson.Command("seal_decrypt")
                        .bytes("key", key)
                        .bytes("data", encrypted)
                        .optionalBytes("ctx", context));
    }

    /** Seal mode with a passphrase (UTF-8, as WasmThemis encodes string passphrases). */
    public byte[] sealEncryptWithPassphrase(String passphrase, byte[] message, byte[] context) {
        return data(
                new PeerJson.Command("seal_pw_encrypt")
                        .bytes("pass", utf8(passphrase))
                        .bytes("msg", message)
                        .optionalBytes("ctx", context));
    }

    public byte[] sealDecryptWithPassphrase(String passphrase, byte[] encrypted, byte[] context) {
        return data(
                new PeerJson.Command("seal_pw_decrypt")
                        .bytes("pass", utf8(passphrase))
                        .bytes("data", encrypted)
                        .optionalBytes("ctx", context));
    }

    public TokenProtected tokenProtectEncrypt(byte[] key, byte[] message, byte[] context) {
        Map<String, Object> r =
                call(
                        new PeerJson.Command("token_encrypt")
                                .bytes("key", key)
                                .bytes("msg", message)
                                .optionalBytes("ctx", context));
        return new TokenProtected(bytesField(r, "data"), bytesField(r, "token"));
    }

    public byte[] tokenProtectDecrypt(byte[] key, byte[] encrypted, byte[] token, byte[] context) {
        return data(
                new PeerJson.Command("token_decrypt")
                        .bytes("key", key)
                        .bytes("data", encrypted)
                        .bytes("token", token)
                        .optionalBytes("ctx", context));
    }

    /** Context Imprint; WasmThemis requires a non-empty context. */
    public byte[] contextImprintEncrypt(byte[] key, byte[] message, byte[] context) {
        return data(
                new PeerJson.Command("imprint_encrypt")
                        .bytes("key", key)
                        .bytes("msg", message)
                        .bytes("ctx", context));
    }

    public byte[] contextImprintDecrypt(byte[] key, byte[] encrypted, byte[] context) {
        return data(
                new PeerJson.Command("imprint_decrypt")
                        .bytes("key", key)
                        .bytes("data", encrypted)
                        .bytes("ctx", context));
    }

    // ---- Secure Message ----

    public byte[] messageEncrypt(byte[] ownPrivateKey, byte[] peerPublicKey, byte[] message) {
        return data(
                new PeerJson.Command("sm_encrypt")
                        .bytes("priv", ownPrivateKey)
                        .bytes("pub", peerPublicKey)
                        .bytes("msg", message));
    }

    public byte[] messageDecrypt(byte[] ownPrivateKey, byte[] peerPublicKey, byte[] encrypted) {
        return data(
                new PeerJson.Command("sm_decrypt")
                        .bytes("priv", ownPrivateKey)
                        .bytes("pub", peerPublicKey)
                        .bytes("data", encrypted));
    }

    public byte[] sign(byte[] privateKey, byte[] message) {
        return data(
                new PeerJson.Command("sm_sign").bytes("priv", privateKey).bytes("msg", message));
    }

    /** Returns the original message. */
    public byte[] verify(byte[] publicKey, byte[] signed) {
        return data(
                new PeerJson.Command("sm_verify").bytes("pub", publicKey).bytes("data", signed));
    }

    // ---- Secure Session ----

    /**
     * A new WasmThemis Secure Session (a server until {@link WasmSession#connectRequest()}) that
     * resolves exactly the given peers; any other id makes its key lookup return null.
     */
    public WasmSession newSession(byte[] id, byte[] privateKey, List<KnownPeer> knownPeers) {
        Map<byte[], byte[]> peers = new LinkedHashMap<>();
        for (KnownPeer p : knownPeers) {
            peers.put(p.id(), p.publicKey());
        }
        Map<String, Object> r =
                call(
                        new PeerJson.Command("ss_init")
                                .bytes("id", id)
                                .bytes("priv", privateKey)
                                .bytesMap("peers", peers));
        return new WasmSession(this, longField(r, "handle"));
    }

    // ---- plumbing ----

    byte[] data(PeerJson.Command command) {
        return bytesField(call(command), "data");
    }

    /**
     * Sends one command and returns its reply; error replies become {@link WasmThemisException}.
     */
    synchronized Map<String, Object> call(PeerJson.Command command) {
        if (closed) {
            throw new IllegalStateException("WasmThemis peer is closed");
        }
        String line = command.line();
        String name = command.name();
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            close();
            throw new IllegalStateException(
                    "cannot send "
                            + name
                            + " to the WasmThemis peer: "
                            + e.getMessage()
                            + stderrReport(),
                    e);
        }
        Map<String, Object> reply = awaitReply(name, replyTimeout);
        if (reply.containsKey("error")) {
            Object code = reply.get("code");
            throw new WasmThemisException(
                    name,
                    String.valueOf(reply.get("error")),
                    code instanceof Long l ? l.intValue() : WasmThemisException.NOT_A_THEMIS_ERROR);
        }
        return reply;
    }

    private Map<String, Object> awaitReply(String what, Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted waiting for the WasmThemis peer", e);
        }
        if (line == null || line == END_OF_OUTPUT) {
            String why = line == null ? "no reply within " + timeout : "the peer exited";
            close();
            throw new IllegalStateException(
                    "WasmThemis peer, " + what + ": " + why + stderrReport());
        }
        try {
            return PeerJson.parseObject(line);
        } catch (IllegalArgumentException e) {
            close();
            throw new IllegalStateException(
                    "WasmThemis peer, " + what + ": " + e.getMessage() + stderrReport(), e);
        }
    }

    private static byte[] bytesField(Map<String, Object> reply, String name) {
        if (!(reply.get(name) instanceof String s)) {
            throw new IllegalStateException(
                    "WasmThemis reply lacks field " + name + ": " + reply.keySet());
        }
        return Base64.getDecoder().decode(s);
    }

    static long longField(Map<String, Object> reply, String name) {
        if (!(reply.get(name) instanceof Long l)) {
            throw new IllegalStateException(
                    "WasmThemis reply lacks number " + name + ": " + reply.keySet());
        }
        return l;
    }

    static boolean booleanField(Map<String, Object> reply, String name) {
        if (!(reply.get(name) instanceof Boolean b)) {
            throw new IllegalStateException(
                    "WasmThemis reply lacks boolean " + name + ": " + reply.keySet());
        }
        return b;
    }

    static byte[] bytes(Map<String, Object> reply, String name) {
        return bytesField(reply, name);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void pump(InputStream in, boolean isStderr) {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (isStderr) {
                    synchronized (stderrTail) {
                        if (stderrTail.size() == STDERR_LINES_KEPT) {
                            stderrTail.removeFirst();
                        }
                        stderrTail.addLast(line);
                    }
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process went away; fall through to the end marker
        } finally {
            if (!isStderr) {
                lines.add(END_OF_OUTPUT);
            }
        }
    }

    private String stderrReport() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty()
                    ? ""
                    : "\n--- peer stderr (last lines) ---\n" + String.join("\n", stderrTail);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Ends the peer: closes its stdin (it exits on EOF), then destroys it if it lingers. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            stdoutReader.join(EXIT_GRACE.toMillis());
            stderrDrain.join(EXIT_GRACE.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the Node process is still running (for tests of this driver). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #close()} ran, explicitly or after a failure. */
    public synchronized boolean isClosed() {
        return closed;
    }
}
