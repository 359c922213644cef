package dev.parley.server.cluster;

import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.RunningServer;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SymmetricKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Several Parley nodes on one Redis, sharing one server key (as behind a load balancer) and one
 * cluster key. Nodes are started on free loopback ports; {@link #close()} stops them all.
 */
final class ClusterNodes implements AutoCloseable {
    private final Path dir;
    private final String redisUri;
    private final Path serverKeyFile;
    private final Path clusterKeyFile;
    private final KeyPair serverKeys = KeyPair.generate();
    private final List<RunningServer> nodes = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();

    ClusterNodes(Path dir, String redisUri) throws Exception {
        this.dir = dir;
        this.redisUri = redisUri;
        Files.createDirectories(dir);
        this.serverKeyFile = dir.resolve("server.key");
        Files.writeString(
                serverKeyFile,
                Base64.getEncoder().encodeToString(serverKeys.privateKey().toByteArray()) + "\n");
        this.clusterKeyFile = dir.resolve("cluster.key");
        Files.writeString(
                clusterKeyFile,
                Base64.getEncoder().encodeToString(SymmetricKey.generate().toByteArray()) + "\n");
    }

    /** Starts one more node; returns its index. */
    int startNode() throws Exception {
        int index = nodes.size();
        nodes.add(
                RunningServer.start(
                        dir.resolve("node" + index),
                        null,
                        b ->
                                b.redis(redisUri)
                                        .clusterKeyFile(clusterKeyFile)
                                        .keyFile(serverKeyFile)
                                        .rateLimit(1000, 1000)
                                        .shutdownGrace(Duration.ofMillis(500))));
        return index;
    }

    RunningServer node(int i) {
        return nodes.get(i);
    }

    Path clusterKeyFile() {
        return clusterKeyFile;
    }

    Path serverKeyFile() {
        return serverKeyFile;
    }

    /** A node in a child JVM with this cluster's keys (for crash tests). */
    NodeProcess startNodeProcess(String name) throws Exception {
        return NodeProcess.start(redisUri, clusterKeyFile, serverKeyFile, dir.resolve(name));
    }

    /** A v2 client on a node that runs elsewhere (e.g. a {@link NodeProcess}). */
    ChatClient v2At(int port, String name, KeyPair keys) {
        return track(ChatClient.connect(port, ChatClient.Protocol.V2, name, keys, serverKey()));
    }

    PublicKey serverKey() {
        return serverKeys.publicKey();
    }

    /** A v2 client on node {@code node}; closed by {@link #close()}, not when its node stops. */
    ChatClient v2(int node, String name, KeyPair keys) {
        return track(
                ChatClient.connect(
                        node(node).port(), ChatClient.Protocol.V2, name, keys, serverKey()));
    }

    ChatClient v1(int node, String name) {
        return track(
                ChatClient.connect(
                        node(node).port(),
                        ChatClient.Protocol.V1,
                        name,
                        KeyPair.generate(),
                        serverKey()));
    }

    /** Opens and sends the hello only (the test runs the handshake). */
    ChatClient open(int node, String name, KeyPair keys) {
        return track(
                ChatClient.open(
                        node(node).port(), ChatClient.Protocol.V2, name, name, keys, serverKey()));
    }

    private ChatClient track(ChatClient c) {
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    /** Stops node {@code i}: its clients are disconnected. */
    void stopNode(int i) {
        nodes.get(i).close();
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(ChatClient::close);
        }
        for (RunningServer n : nodes) {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // already stopped
            }
        }
    }

    /**
     * Polls {@code condition} every 50 ms until true or {@code timeout}; returns the last result.
     */
    static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
