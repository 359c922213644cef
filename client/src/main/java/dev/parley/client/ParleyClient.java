package dev.parley.client;

import dev.parley.client.internal.ClientConfig;
import dev.parley.client.internal.ClientConnection;
import dev.parley.protocol.Names;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point of the Parley client SDK.
 *
 * <pre>{@code
 * ParleyConnection c = ParleyClient.builder()
 *         .server(URI.create("ws://chat.example:8080"))
 *         .name("alice")
 *         .identity(keyPair)
 *         .knownServers(new KnownServers(Path.of(home, ".parley/known_servers")))
 *         .listener(new ParleyListener() {
 *             public void onMessage(ServerEvent.Message m) { ... }
 *         })
 *         .connect()
 *         .get(10, TimeUnit.SECONDS);
 * c.send("main", "hello");
 * }</pre>
 *
 * <p><b>Server key pinning.</b> The server must prove it holds the private key of the pinned server
 * key during the Secure Session handshake (its session id is {@code server}). Pin either a given
 * key ({@link Builder#serverKey}) or use a {@link KnownServers} file: a server not in the file has
 * its key fetched over HTTP from {@value #SERVER_KEY_PATH} (trust on first use; the key is recorded
 * once the handshake with it succeeded), a server in the file must present the recorded key, else
 * {@link #connect} fails with {@link ServerKeyChangedException}.
 */
public final class ParleyClient {
    /** WebSocket subprotocol of protocol v2. */
    public static final String SUBPROTOCOL = "parley.v2";

    /**
     * HTTP path, on the WebSocket's host and port, that serves the server's public key as base64
     * text.
     */
    public static final String SERVER_KEY_PATH = "/.well-known/parley-server-key";

    /**
     * Default request pacing: below the Parley server's default limit of 10 per second, burst 30.
     */
    public static final double DEFAULT_SEND_RATE = 8;

    public static final int DEFAULT_SEND_BURST = 20;

    private ParleyClient() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Validating builder: each setter checks its argument, {@link #connect()} the combination. */
    public static final class Builder {
        private URI server;
        private String name;
        private KeyPair identity;
        private PublicKey serverKey;
        private KnownServers knownServers;
        private ParleyListener listener = new ParleyListener() {};
        private Transport transport;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration minBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(15);
        private int maxReconnectAttempts = Integer.MAX_VALUE;
        private Duration pingInterval = Duration.ofSeconds(25);
        private double sendRatePerSecond = DEFAULT_SEND_RATE;
        private int sendBurst = DEFAULT_SEND_BURST;

        private Builder() {}

        /** {@code ws://host:port} or {@code wss://host:port} (a path is kept). */
        public Builder server(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException("server URI must start with ws:// or wss://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("server URI needs a host");
            }
            this.server = uri;
            return this;
        }

        /** The user name (also the Secure Session id); must be a valid {@link Names user name}. */
        public Builder name(String name) {
            if (!Names.isValidUserName(name)) {
                throw new IllegalArgumentException(
                        "invalid user name: letters, digits, '_', '-', '.', at most 32");
            }
            this.name = name;
            return this;
        }

        public Builder identity(KeyPair identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** Pins exactly this server key. */
        public Builder serverKey(PublicKey key) {
            this.serverKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Pins keys in this known-servers file, learning unknown servers on first use. */
        public Builder knownServers(KnownServers knownServers) {
            this.knownServers = Objects.requireNonNull(knownServers, "knownServers");
            return this;
        }

        public Builder listener(ParleyListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The network adapter; default {@link dev.parley.client.jdk.JdkTransport}. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /** How long opening the socket plus the handshake plus the welcome may take. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /**
         * Reconnect delays grow from {@code min} doubling to {@code max}, each randomised to 50–100
         * %.
         */
        public Builder reconnectBackoff(Duration min, Duration max) {
            positive(min, "min");
            positive(max, "max");
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max backoff must not be less than min");
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Give up (state {@link ConnectionState#CLOSED}) after this many failed reconnects in a
         * row; 0 never reconnects.
         */
        public Builder maxReconnectAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative");
            }
            this.maxReconnectAttempts = attempts;
            return this;
        }

        public Builder pingInterval(Duration d) {
            this.pingInterval = positive(d, "pingInterval");
            return this;
        }

        /**
         * Paces requests to at most {@code perSecond} on average and {@code burst} at once; the
         * rest wait their turn in order. Servers close connections that exceed their rate limit
         * (the Parley server's default is 10 per second, burst 30).
         */
        public Builder sendRateLimit(double perSecond, int burst) {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException(
                        "perSecond must be positive and burst at least 1");
            }
            this.sendRatePerSecond = perSecond;
            this.sendBurst = burst;
            return this;
        }

        /**
         * Connects. The future completes when the server has welcomed this client, or fails with
         * {@link ServerKeyChangedException}, {@link ParleyException} (handshake refused, socket
         * closed) or a {@link java.util.concurrent.TimeoutException}. The first connect is not
         * retried; later drops are.
         *
         * @throws IllegalStateException if server, name, identity or a pinning choice is missing
         */
        public CompletableFuture<ParleyConnection> connect() {
            if (server == null || name == null || identity == null) {
                throw new IllegalStateException("server, name and identity are required");
            }
            if ((serverKey == null) == (knownServers == null)) {
                throw new IllegalStateException("set exactly one of serverKey and knownServers");
            }
            Transport t = transport != null ? transport : new dev.parley.client.jdk.JdkTransport();
            ClientConfig config =
                    new ClientConfig(
                            server,
                            name,
                            identity,
                            serverKey,
                            knownServers,
                            listener,
                            t,
                            requestTimeout,
                            connectTimeout,
                            minBackoff,
                            maxBackoff,
                            maxReconnectAttempts,
                            pingInterval,
                            sendRatePerSecond,
                            sendBurst);
            return ClientConnection.start(config);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
