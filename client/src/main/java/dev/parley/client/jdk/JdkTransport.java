package dev.parley.client.jdk;

import dev.parley.client.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default {@link Transport}: the JDK's {@code java.net.http} WebSocket and HTTP client.
 * Thread-safe; one instance may serve many connections.
 */
public final class JdkTransport implements Transport {
    /**
     * Largest incoming message accepted (the protocol's largest event plus Secure Session
     * overhead).
     */
    public static final int MAX_MESSAGE_BYTES = (1 << 20) + 1024;

    private static final int MAX_KEY_RESPONSE = 4096;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http;

    public JdkTransport() {
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String subprotocol, Listener listener) {
        return http.newWebSocketBuilder()
                .subprotocols(subprotocol)
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(uri, new Adapter(listener))
                .thenApply(JdkSocket::new);
    }

    @Override
    public CompletableFuture<String> fetchText(URI uri) {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(CONNECT_TIMEOUT).GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(
                        res -> {
                            if (res.statusCode() != 200) {
                                throw new java.util.concurrent.CompletionException(
                                        new IOException("HTTP " + res.statusCode()));
                            }
                            if (res.body().length > MAX_KEY_RESPONSE) {
                                throw new java.util.concurrent.CompletionException(
                                        new IOException("response too large"));
                            }
                            return new String(res.body(), StandardCharsets.UTF_8);
                        });
    }

    /** Serialises sends: the JDK WebSocket allows one outstanding send at a time. */
    private static final class JdkSocket implements Socket {
        private final WebSocket ws;
        private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

        JdkSocket(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public synchronized void sendText(String text) {
            last = last.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
        }

        @Override
        public synchronized void sendBinary(byte[] data) {
            ByteBuffer buf = ByteBuffer.wrap(data.clone());
            last = last.handle((r, e) -> null).thenCompose(x -> ws.sendBinary(buf, true));
        }

        @Override
        public synchronized void close() {
            last =
                    last.handle((r, e) -> null)
                            .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                            .orTimeout(1, TimeUnit.SECONDS)
                            .whenComplete((r, e) -> ws.abort());
        }
    }

    /** Reassembles fragmented messages; the JDK calls it one event at a time. */
    private static final class Adapter implements WebSocket.Listener {
        private final Listener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Adapter(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (text.length() + data.length() > MAX_MESSAGE_BYTES) {
                tooLarge(ws);
                return null;
            }
            text.append(data);
            if (last) {
                String s = text.toString();
                text.setLength(0);
                listener.onText(s);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (binary.size() + data.remaining() > MAX_MESSAGE_BYTES) {
                tooLarge(ws);
                return null;
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] message = binary.toByteArray();
                binary.reset();
                listener.onBinary(message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closedOnce(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closedOnce(
                    1006,
                    error.getClass().getSimpleName()
                            + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        }

        private void tooLarge(WebSocket ws) {
            ws.abort();
            closedOnce(1009, "message too large");
        }

        private void closedOnce(int code, String reason) {
            if (closed.compareAndSet(false, true)) {
                listener.onClosed(code, reason);
            }
        }
    }
}
