package dev.parley.cli.web;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.UnwrapResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client speaking the tutorial protocol (v1): text frames, frame 1 {@code name:base64(key)}, then
 * base64 Secure Session messages, plain UTF-8 chat lines inside. Built on the project's Themis
 * {@link SecureSession} and the JDK WebSocket. For tests; always {@link #close()} it.
 */
final class TutorialClient implements AutoCloseable {
    private final String name;
    private final KeyPair keys = KeyPair.generate();
    private final SecureSession session;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    TutorialClient(int port, String name, PublicKey serverKey) throws Exception {
        this.name = name;
        byte[] serverId = "server".getBytes(StandardCharsets.UTF_8);
        this.session =
                SecureSession.create(
                        name.getBytes(StandardCharsets.UTF_8),
                        keys.privateKey(),
                        id -> java.util.Arrays.equals(id, serverId) ? serverKey : null);
        this.socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new Listener())
                        .get(10, TimeUnit.SECONDS);
        send(name + ":" + Base64.getEncoder().encodeToString(keys.publicKey().toByteArray()));
        send(Base64.getEncoder().encodeToString(session.connectRequest()));
        established.get(10, TimeUnit.SECONDS);
    }

    /** Sends one chat line or command (e.g. {@code /msg bob hi}). */
    synchronized void say(String line) throws Exception {
        send(
                Base64.getEncoder()
                        .encodeToString(session.wrap(line.getBytes(StandardCharsets.UTF_8))));
    }

    /** Waits up to 15 s for a received line matching {@code p}; lines seen before count too. */
    String await(Predicate<String> p, String what) throws InterruptedException {
        synchronized (seen) {
            for (String l : seen) {
                if (p.test(l)) {
                    return l;
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (l != null && p.test(l)) {
                return l;
            }
        }
        synchronized (seen) {
            throw new AssertionError(name + " never received " + what + "; got " + seen);
        }
    }

    private synchronized void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    private void onFrame(String text) {
        try {
            UnwrapResult r = session.unwrap(Base64.getMimeDecoder().decode(text));
            switch (r.type()) {
                case PROTOCOL_DATA -> send(Base64.getEncoder().encodeToString(r.data()));
                case USER_DATA -> {
                    String line = new String(r.data(), StandardCharsets.UTF_8);
                    synchronized (seen) {
                        seen.add(line);
                    }
                    lines.add(line);
                }
                default -> {}
            }
            if (session.isEstablished()) {
                established.complete(null);
            }
        } catch (Exception e) {
            established.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                onFrame(frame);
            }
            ws.request(1);
            return null;
        }
    }
}
