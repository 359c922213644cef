package dev.parley.cli;

import dev.parley.server.IdentityPolicy;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley server}: the chat server with embedded storage, no configuration needed. Every flag
 * can also come from the environment ({@code --port} from {@code PARLEY_PORT}, ...). SIGTERM or
 * Ctrl-C shuts down gracefully (clients get a 1001 close frame, stores are closed).
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        defaultValueProvider = EnvDefaults.class,
        description = {
            "Run the Parley chat server (WebSocket v1 tutorial protocol and v2, /healthz, /metrics).",
            "Every option can also be set with an environment variable: --port as PARLEY_PORT, --max-per-ip as PARLEY_MAX_PER_IP, ..."
        })
final class ServerCommand implements Runnable {
    /** Tests complete this to stop a server started in-process; null in real use. */
    static volatile CompletableFuture<Void> testStopSignal;

    @Option(
            names = "--host",
            defaultValue = ServerConfig.DEFAULT_HOST,
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--data",
            defaultValue = "parley-data",
            paramLabel = "DIR",
            description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description =
                    "server private key (base64 REC2, as parley keygen writes); default: created in the data directory")
    Path keyFile;

    @Option(
            names = "--identity",
            defaultValue = "tofu",
            paramLabel = "tofu|open|closed",
            description = "name/key policy (default: ${DEFAULT-VALUE})",
            converter = PolicyConverter.class)
    IdentityPolicy identity;

    @Option(
            names = "--authorized-keys",
            paramLabel = "FILE",
            description = "for --identity closed: lines 'name base64key'")
    Path authorizedKeys;

    @Option(
            names = "--max-frame-bytes",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_FRAME_BYTES,
            description = "largest WebSocket message (default: ${DEFAULT-VALUE})")
    int maxFrameBytes;

    @Option(
            names = "--max-message-bytes",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_MESSAGE_BYTES,
            description = "longest chat text in UTF-8 bytes (default: ${DEFAULT-VALUE})")
    int maxMessageBytes;

    @Option(
            names = "--handshake-timeout",
            defaultValue = "10",
            paramLabel = "SECONDS",
            description = "time to finish the handshake (default: ${DEFAULT-VALUE})")
    double handshakeTimeout;

    @Option(
            names = "--idle-timeout",
            defaultValue = "60",
            paramLabel = "SECONDS",
            description = "silence before disconnect; pinged at half (default: ${DEFAULT-VALUE})")
    double idleTimeout;

    @Option(
            names = "--rate",
            defaultValue = "" + ServerConfig.DEFAULT_MESSAGES_PER_SECOND,
            description = "messages per second per connection (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--burst",
            defaultValue = "" + ServerConfig.DEFAULT_MESSAGE_BURST,
            description = "message burst per connection (default: ${DEFAULT-VALUE})")
    int burst;

    @Option(
            names = "--max-per-ip",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_IP,
            description = "connections per client address (default: ${DEFAULT-VALUE})")
    int maxPerIp;

    @Option(
            names = "--outbound-queue",
            defaultValue = "" + ServerConfig.DEFAULT_OUTBOUND_QUEUE_LIMIT,
            description =
                    "events queued per connection before it counts as too slow (default: ${DEFAULT-VALUE})")
    int outboundQueue;

    @Option(
            names = "--handshake-workers",
            defaultValue = "" + 0,
            description = "handshake threads, 0 = one per core")
    int handshakeWorkers;

    @Option(
            names = "--handshake-queue",
            defaultValue = "" + ServerConfig.DEFAULT_HANDSHAKE_QUEUE_LIMIT,
            description =
                    "handshakes waiting before new ones are refused with 1013 (default: ${DEFAULT-VALUE})")
    int handshakeQueue;

    @Option(
            names = "--history",
            defaultValue = "" + ServerConfig.DEFAULT_HISTORY_REPLAY,
            description = "messages replayed on join (default: ${DEFAULT-VALUE})")
    int history;

    @Option(
            names = "--redis",
            paramLabel = "URI",
            description =
                    "cluster mode: share identities, presence, rooms and history with other nodes through Redis, redis://HOST:PORT[/db]")
    String redis;

    @Option(
            names = "--cluster-key-file",
            paramLabel = "FILE",
            description =
                    "with --redis: one base64 line of the 32-byte key every node shares (head -c 32 /dev/urandom | base64)")
    Path clusterKeyFile;

    @Override
    public void run() {
        ServerConfig config;
        try {
            ServerConfig.Builder b =
                    ServerConfig.builder()
                            .host(host)
                            .port(port)
                            .dataDir(dataDir)
                            .keyFile(keyFile)
                            .identityPolicy(identity)
                            .authorizedKeys(authorizedKeys)
                            .maxFrameBytes(maxFrameBytes)
                            .maxMessageBytes(maxMessageBytes)
                            .handshakeTimeout(seconds(handshakeTimeout))
                            .idleTimeout(seconds(idleTimeout))
                            .rateLimit(rate, burst)
                            .maxConnectionsPerIp(maxPerIp)
                            .outboundQueueLimit(outboundQueue)
                            .handshakeQueueLimit(handshakeQueue)
                            .historyReplay(history)
                            .redis(redis)
                            .clusterKeyFile(clusterKeyFile);
            if (handshakeWorkers > 0) {
                b.handshakeWorkers(handshakeWorkers);
            }
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        ParleyServer server = new ParleyServer(config);
        int bound;
        try {
            bound = server.start().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            server.close();
            throw new CommandFailure("cannot start: " + e.getCause().getMessage());
        } catch (InterruptedException | TimeoutException e) {
            server.close();
            throw new CommandFailure("cannot start: " + e);
        }
        Thread hook = new Thread(server::close, "parley-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Streams s = Streams.current();
        String hostPort =
                (config.host().contains(":") ? "[" + config.host() + "]" : config.host())
                        + ":"
                        + bound;
        s.out.println(
                "parley server listening on ws://"
                        + hostPort
                        + "/ (identity "
                        + name(identity)
                        + (redis == null ? ", data " + dataDir : ", cluster mode through Redis")
                        + ")");
        s.out.println(
                "public key: "
                        + server.publicKey().toBase64()
                        + " (fingerprint "
                        + server.publicKey().fingerprint()
                        + ")");
        s.out.println("browser client: http://" + hostPort + "/");
        s.out.flush();
        CompletableFuture<Void> stop = testStopSignal;
        try {
            if (stop != null) {
                stop.get();
                server.close();
                Runtime.getRuntime().removeShutdownHook(hook);
            } else {
                Thread.currentThread().join(); // until SIGTERM runs the shutdown hook
            }
        } catch (InterruptedException | ExecutionException e) {
            server.close();
        }
    }

    private static Duration seconds(double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("timeouts must be positive seconds");
        }
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

    private static String name(IdentityPolicy p) {
        return p.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** tofu|open|closed, case-insensitive. */
    static final class PolicyConverter
            implements picocli.CommandLine.ITypeConverter<IdentityPolicy> {
        @Override
        public IdentityPolicy convert(String value) {
            try {
                return IdentityPolicy.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected tofu, open or closed: " + value);
            }
        }
    }
}
