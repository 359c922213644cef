package dev.parley.server.testing;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.EventCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerEvent;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client over the JDK WebSocket doing what the tutorial's app does (v1) or what a Parley
 * client does (v2). Not thread-safe: use from the test thread; the listener only queues raw frames,
 * all crypto runs on the caller's thread.
 */
public final class ChatClient implements AutoCloseable {
    public enum Protocol {
        V1,
        V2
    }

    /** A frame from the server: text, binary or the close. */
    public record Incoming(String text, byte[] binary, int closeCode, String closeReason) {
        boolean isClose() {
            return closeCode != 0;
        }
    }

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final EventCodec CODEC = new EventCodec();

    private final Protocol protocol;
    private final String name;
    private final SecureSession session;
    private final BlockingQueue<Incoming> frames = new LinkedBlockingQueue<>();
    private WebSocket ws;
    private Incoming close;
    private String lastSentText;
    private byte[] lastSentBinary;

    private ChatClient(
            Protocol protocol, String name, String sessionId, KeyPair keys, PublicKey serverKey) {
        this.protocol = protocol;
        this.name = name;
        this.session =
                SecureSession.create(
                        sessionId.getBytes(StandardCharsets.UTF_8),
                        keys.privateKey(),
                        id ->
                                Arrays.equals(id, "server".getBytes(StandardCharsets.UTF_8))
                                        ? serverKey
                                        : null);
    }

    /** Opens, sends the hello and completes the handshake; fails if the server closes instead. */
    public static ChatClient connect(
            int port, Protocol protocol, String name, KeyPair keys, PublicKey serverKey) {
        ChatClient c = open(port, protocol, name, name, keys, serverKey);
        c.handshake();
        return c;
    }

    /**
     * Opens and sends the hello only; the session id may differ from the name (bad input tests).
     */
    public static ChatClient open(
            int port,
            Protocol protocol,
            String name,
            String sessionId,
            KeyPair keys,
            PublicKey serverKey) {
        ChatClient c = new ChatClient(protocol, name, sessionId, keys, serverKey);
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (protocol == Protocol.V2) {
            b.subprotocols("parley.v2");
        }
        c.ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), c.new Listener()).join();
        String hello = name + ":" + keys.publicKey().toBase64();
        if (protocol == Protocol.V1) {
            c.ws.sendText(hello, true).join();
        } else {
            c.ws.sendBinary(ByteBuffer.wrap(hello.getBytes(StandardCharsets.UTF_8)), true).join();
        }
        return c;
    }

    /** Runs the client side of the Secure Session handshake. */
    public void handshake() {
        sendSession(session.connectRequest());
        while (!session.isEstablished()) {
            Incoming in = take(WAIT);
            if (in == null || in.isClose()) {
                throw new IllegalStateException(
                        "handshake failed: "
                                + (in == null
                                        ? "timeout"
                                        : in.closeCode() + " " + in.closeReason()));
            }
            try {
                UnwrapResult r = session.unwrap(payload(in));
                if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                    sendSession(r.data());
                }
            } catch (SecureSessionException e) {
                throw new IllegalStateException("handshake failed", e);
            }
        }
    }

    public SecureSession session() {
        return session;
    }

    public String name() {
        return name;
    }

    /** v1: sends one line (chat text or command). */
    public void say(String line) {
        sendSession(session.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** v2: sends one event. */
    public void send(ClientEvent event) {
        sendSession(session.wrap(CODEC.encode(event)));
    }

    /** Wraps arbitrary plaintext. */
    public void sendPlain(byte[] plaintext) {
        sendSession(session.wrap(plaintext));
    }

    /** Sends a Secure Session message in this protocol's framing. */
    public void sendSession(byte[] message) {
        if (protocol == Protocol.V1) {
            lastSentText = Base64.getEncoder().encodeToString(message);
            ws.sendText(lastSentText, true).join();
        } else {
            lastSentBinary = message.clone();
            ws.sendBinary(ByteBuffer.wrap(message), true).join();
        }
    }

    /** Sends the last frame again, byte for byte (a replay). */
    public void resendLast() {
        if (protocol == Protocol.V1) {
            ws.sendText(lastSentText, true).join();
        } else {
            ws.sendBinary(ByteBuffer.wrap(lastSentBinary), true).join();
        }
    }

    public void sendRawText(String text) {
        ws.sendText(text, true).join();
    }

    public void sendRawBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** The next decrypted v1 line, or null on timeout or close. */
    public String nextLine(Duration timeout) {
        byte[] plain = nextPlain(timeout);
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    /** The next decrypted v2 event, or null on timeout or close. */
    public ServerEvent nextEvent(Duration timeout) {
        byte[] plain = nextPlain(timeout);
        if (plain == null) {
            return null;
        }
        try {
            return CODEC.decodeServerEvent(plain);
        } catch (ProtocolException e) {
            throw new AssertionError("server sent an invalid event", e);
        }
    }

    /** Skips lines until one matches; null if none within the timeout. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = nextLine(Duration.ofNanos(deadline - System.nanoTime()));
            if (line == null) {
                return null;
            }
            if (match.test(line)) {
                return line;
            }
        }
        return null;
    }

    public String awaitLine(String exact) {
        return awaitLine(exact::equals, WAIT);
    }

    /** Skips events until one of the type matches; null if none in time. */
    public <T extends ServerEvent> T awaitEvent(
            Class<T> type, Predicate<T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ServerEvent e = nextEvent(Duration.ofNanos(deadline - System.nanoTime()));
            if (e == null) {
                return null;
            }
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        return null;
    }

    /** Skips data frames until the server's close frame; null if none in time. */
    public Incoming awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (close == null && System.nanoTime() < deadline) {
            take(Duration.ofNanos(deadline - System.nanoTime()));
        }
        return close;
    }

    private byte[] nextPlain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Incoming in = take(Duration.ofNanos(deadline - System.nanoTime()));
            if (in == null || in.isClose()) {
                return null;
            }
            try {
                UnwrapResult r = session.unwrap(payload(in));
                if (r.type() == UnwrapResult.Type.USER_DATA) {
                    return r.data();
                }
            } catch (SecureSessionException e) {
                throw new AssertionError("frame not decryptable with this client's session", e);
            }
        }
        return null;
    }

    private byte[] payload(Incoming in) {
        if (protocol == Protocol.V1) {
            if (in.text() == null) {
                throw new AssertionError("v1 server sent a binary frame");
            }
            return Base64.getDecoder().decode(in.text());
        }
        if (in.binary() == null) {
            throw new AssertionError("v2 server sent a text frame");
        }
        return in.binary();
    }

    private Incoming take(Duration timeout) {
        if (close != null && frames.isEmpty()) {
            return close;
        }
        try {
            Incoming in = frames.poll(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
            if (in != null && in.isClose()) {
                close = in;
            }
            return in;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already closing
            }
        }
        if (ws != null) {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(new Incoming(text.toString(), null, 0, null));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                frames.add(new Incoming(null, binary.toByteArray(), 0, null));
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            frames.add(new Incoming(null, null, statusCode == 0 ? 1005 : statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            frames.add(new Incoming(null, null, 1006, String.valueOf(error)));
        }
    }
}
