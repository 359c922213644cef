package dev.parley.cli.e2e;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real Parley server on loopback with embedded storage in {@code dataDir}. */
final class TestServer implements AutoCloseable {
    final ParleyServer server;
    final int port;

    private TestServer(ParleyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port} (0: any free port). */
    static TestServer start(Path dataDir, int port) throws Exception {
        return start(
                ServerConfig.builder()
                        .host("127.0.0.1")
                        .port(port)
                        .dataDir(dataDir)
                        .rateLimit(200, 400));
    }

    /** Starts with the server's default limits (rate limit included) on any free port. */
    static TestServer startWithDefaultLimits(Path dataDir) throws Exception {
        return start(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir));
    }

    private static TestServer start(ServerConfig.Builder builder) throws Exception {
        ServerConfig config = builder.build();
        ParleyServer s = new ParleyServer(config);
        return new TestServer(s, s.start().get(20, TimeUnit.SECONDS));
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.close();
    }
}
