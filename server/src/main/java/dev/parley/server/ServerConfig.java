package dev.parley.server;

import dev.parley.server.cluster.RedisAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link ParleyServer} can be told. Every limit has a named default. Build with {@link
 * #builder()}; setters validate at once, {@link Builder#build()} checks cross-field rules.
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        Path keyFile,
        IdentityPolicy identityPolicy,
        Path authorizedKeys,
        int maxFrameBytes,
        int maxMessageBytes,
        Duration handshakeTimeout,
        Duration idleTimeout,
        double messagesPerSecond,
        int messageBurst,
        int maxConnectionsPerIp,
        int outboundQueueLimit,
        int handshakeWorkers,
        int handshakeQueueLimit,
        int historyReplay,
        Duration shutdownGrace,
        RedisAddress redis,
        Path clusterKeyFile) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of("parley-data");
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final double DEFAULT_MESSAGES_PER_SECOND = 10;
    public static final int DEFAULT_MESSAGE_BURST = 30;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 64;
    public static final int DEFAULT_OUTBOUND_QUEUE_LIMIT = 1024;
    public static final int DEFAULT_HANDSHAKE_WORKERS =
            Math.max(1, Runtime.getRuntime().availableProcessors());
    public static final int DEFAULT_HANDSHAKE_QUEUE_LIMIT = 256;
    public static final int DEFAULT_HISTORY_REPLAY = 50;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(2);

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(identityPolicy, "identityPolicy");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (identityPolicy == IdentityPolicy.CLOSED && authorizedKeys == null) {
            throw new IllegalArgumentException(
                    "identity policy closed needs an authorized-keys file");
        }
        if (redis != null && clusterKeyFile == null) {
            throw new IllegalArgumentException("Redis mode needs a cluster key file");
        }
        if (maxMessageBytes > maxFrameBytes) {
            throw new IllegalArgumentException(
                    "max message size must not exceed the max frame size");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validating builder with every default preset. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private Path keyFile;
        private IdentityPolicy identityPolicy = IdentityPolicy.TOFU;
        private Path authorizedKeys;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private double messagesPerSecond = DEFAULT_MESSAGES_PER_SECOND;
        private int messageBurst = DEFAULT_MESSAGE_BURST;
        private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
        private int outboundQueueLimit = DEFAULT_OUTBOUND_QUEUE_LIMIT;
        private int handshakeWorkers = DEFAULT_HANDSHAKE_WORKERS;
        private int handshakeQueueLimit = DEFAULT_HANDSHAKE_QUEUE_LIMIT;
        private int historyReplay = DEFAULT_HISTORY_REPLAY;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private RedisAddress redis;
        private Path clusterKeyFile;

        private Builder() {}

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 picks a free port (tests). */
        public Builder port(int port) {
            this.port = range("port", port, 0, 65535);
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** A file holding base64 of the server's REC2 private key; null: use the data dir. */
        public Builder keyFile(Path keyFile) {
            this.keyFile = keyFile;
            return this;
        }

        public Builder identityPolicy(IdentityPolicy policy) {
            this.identityPolicy = Objects.requireNonNull(policy, "identityPolicy");
            return this;
        }

        public Builder authorizedKeys(Path file) {
            this.authorizedKeys = file;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = range("maxFrameBytes", bytes, 256, 16 * 1024 * 1024);
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = range("maxMessageBytes", bytes, 1, 16 * 1024 * 1024);
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /** Token bucket: sustained rate and burst of inbound frames per connection. */
        public Builder rateLimit(double perSecond, int burst) {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("messagesPerSecond must be positive");
            }
            this.messagesPerSecond = perSecond;
            this.messageBurst = range("messageBurst", burst, 1, 1_000_000);
            return this;
        }

        public Builder maxConnectionsPerIp(int max) {
            this.maxConnectionsPerIp = range("maxConnectionsPerIp", max, 1, 1_000_000);
            return this;
        }

        public Builder outboundQueueLimit(int events) {
            this.outboundQueueLimit = range("outboundQueueLimit", events, 1, 1_000_000);
            return this;
        }

        public Builder handshakeWorkers(int threads) {
            this.handshakeWorkers = range("handshakeWorkers", threads, 1, 1024);
            return this;
        }

        public Builder handshakeQueueLimit(int tasks) {
            this.handshakeQueueLimit = range("handshakeQueueLimit", tasks, 1, 1_000_000);
            return this;
        }

        public Builder historyReplay(int messages) {
            this.historyReplay = range("historyReplay", messages, 0, 10_000);
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "shutdownGrace");
            return this;
        }

        /**
         * Cluster mode: share state through Redis at {@code redis://host:port[/db]}; null: single
         * node.
         */
        public Builder redis(String uri) {
            this.redis = uri == null ? null : new RedisAddress(uri);
            return this;
        }

        /**
         * The key all cluster nodes share (one base64 line of 32 bytes); required with {@link
         * #redis}.
         */
        public Builder clusterKeyFile(Path file) {
            this.clusterKeyFile = file;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    dataDir,
                    keyFile,
                    identityPolicy,
                    authorizedKeys,
                    maxFrameBytes,
                    maxMessageBytes,
                    handshakeTimeout,
                    idleTimeout,
                    messagesPerSecond,
                    messageBurst,
                    maxConnectionsPerIp,
                    outboundQueueLimit,
                    handshakeWorkers,
                    handshakeQueueLimit,
                    historyReplay,
                    shutdownGrace,
                    redis,
                    clusterKeyFile);
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        name + " must be in [" + min + ", " + max + "]: " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
