package dev.parley.server.cluster;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A cluster node in a process of its own, so that a test can kill it like a crash (SIGKILL): {@code
 * ClusterNodeMain REDIS_URI CLUSTER_KEY_FILE SERVER_KEY_FILE DATA_DIR}. Prints {@code PORT <n>}
 * once listening on a free loopback port, then runs until killed.
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {}

    public static void main(String[] args) throws Exception {
        ServerConfig config =
                ServerConfig.builder()
                        .port(0)
                        .redis(args[0])
                        .clusterKeyFile(Path.of(args[1]))
                        .keyFile(Path.of(args[2]))
                        .dataDir(Path.of(args[3]))
                        .rateLimit(1000, 1000)
                        .build();
        ParleyServer server = new ParleyServer(config);
        int port = server.start().get(60, TimeUnit.SECONDS);
        System.out.println("PORT " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
