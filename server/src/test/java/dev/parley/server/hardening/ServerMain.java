package dev.parley.server.hardening;

import dev.parley.server.IdentityPolicy;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The server as a child process for the fault tests and the soak (the {@code cli} module is not on
 * this module's classpath). Prints one line {@code READY <port> <server key base64>} on stdout once
 * bound, then runs until killed; SIGTERM closes it gracefully.
 *
 * <p>Arguments: {@code --data DIR} (required), {@code --identity tofu|open}, {@code --rate R
 * --burst B}, {@code --max-per-ip N}, {@code --handshake-timeout-ms T}, {@code --outbound-queue N}.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        ServerConfig.Builder b = ServerConfig.builder().port(0);
        double rate = ServerConfig.DEFAULT_MESSAGES_PER_SECOND;
        int burst = ServerConfig.DEFAULT_MESSAGE_BURST;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--data" -> b.dataDir(Path.of(v));
                case "--identity" ->
                        b.identityPolicy(
                                IdentityPolicy.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                case "--rate" -> rate = Double.parseDouble(v);
                case "--burst" -> burst = Integer.parseInt(v);
                case "--max-per-ip" -> b.maxConnectionsPerIp(Integer.parseInt(v));
                case "--handshake-timeout-ms" ->
                        b.handshakeTimeout(java.time.Duration.ofMillis(Long.parseLong(v)));
                case "--outbound-queue" -> b.outboundQueueLimit(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.rateLimit(rate, burst);
        ParleyServer server = new ParleyServer(b.build());
        int port;
        try {
            port = server.start().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("start failed: " + e);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.close();
                                    stopped.countDown();
                                },
                                "parley-shutdown"));
        System.out.println("READY " + port + " " + server.publicKey().toBase64());
        System.out.flush();
        stopped.await();
    }
}
