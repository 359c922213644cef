package dev.parley.cli.e2e;

import dev.parley.client.Transport;
import dev.parley.client.jdk.JdkTransport;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** The JDK transport with a gate: while closed, opening a socket fails (a client kept away). */
final class GateTransport implements Transport {
    private final JdkTransport jdk = new JdkTransport();
    private volatile boolean closed;

    void close() {
        closed = true;
    }

    void open() {
        closed = false;
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String subprotocol, Listener listener) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("gate closed"));
        }
        return jdk.open(uri, subprotocol, listener);
    }

    @Override
    public CompletableFuture<String> fetchText(URI uri) {
        return jdk.fetchText(uri);
    }
}
