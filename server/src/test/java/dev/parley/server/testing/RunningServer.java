package dev.parley.server.testing;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.store.Storage;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A {@link ParleyServer} on a free loopback port, with the clients a test opened. */
public final class RunningServer implements AutoCloseable {
    private final ParleyServer server;
    private final int port;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private RunningServer(ParleyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on port 0 with {@code storage} (null: embedded storage in {@code dataDir}). */
    public static RunningServer start(
            Path dataDir, Storage storage, UnaryOperator<ServerConfig.Builder> tune)
            throws Exception {
        ServerConfig config = tune.apply(ServerConfig.builder().port(0).dataDir(dataDir)).build();
        ParleyServer s =
                storage == null ? new ParleyServer(config) : new ParleyServer(config, c -> storage);
        int port = s.start().get(20, TimeUnit.SECONDS);
        return new RunningServer(s, port);
    }

    public int port() {
        return port;
    }

    public ParleyServer server() {
        return server;
    }

    public PublicKey key() {
        return server.publicKey();
    }

    public ChatClient v1(String name) {
        return v1(name, KeyPair.generate());
    }

    public ChatClient v1(String name, KeyPair keys) {
        return track(ChatClient.connect(port, ChatClient.Protocol.V1, name, keys, key()));
    }

    public ChatClient v2(String name) {
        return v2(name, KeyPair.generate());
    }

    public ChatClient v2(String name, KeyPair keys) {
        return track(ChatClient.connect(port, ChatClient.Protocol.V2, name, keys, key()));
    }

    public <T extends AutoCloseable> T track(T c) {
        opened.add(c);
        return c;
    }

    public double closes(String tag) {
        return server.metrics().closeCount(tag);
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        server.close();
    }
}
