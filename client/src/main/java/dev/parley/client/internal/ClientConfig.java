package dev.parley.client.internal;

import dev.parley.client.KnownServers;
import dev.parley.client.ParleyListener;
import dev.parley.client.Transport;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.net.URI;
import java.time.Duration;

/**
 * What {@link dev.parley.client.ParleyClient.Builder} validated. {@code serverKey} xor {@code
 * knownServers}.
 */
public record ClientConfig(
        URI server,
        String name,
        KeyPair identity,
        PublicKey serverKey,
        KnownServers knownServers,
        ParleyListener listener,
        Transport transport,
        Duration requestTimeout,
        Duration connectTimeout,
        Duration minBackoff,
        Duration maxBackoff,
        int maxReconnectAttempts,
        Duration pingInterval,
        double sendRatePerSecond,
        int sendBurst) {

    /** {@code host:port} as known-servers files and local history name the server. */
    public String hostPort() {
        return hostPort(server);
    }

    public static String hostPort(URI uri) {
        int port =
                uri.getPort() != -1
                        ? uri.getPort()
                        : ("wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    /** The HTTP(S) address of the server's key next to the WebSocket. */
    public URI serverKeyUri() {
        String scheme = "wss".equalsIgnoreCase(server.getScheme()) ? "https" : "http";
        return URI.create(
                scheme
                        + "://"
                        + server.getRawAuthority()
                        + dev.parley.client.ParleyClient.SERVER_KEY_PATH);
    }

    @Override
    public String toString() {
        return "ClientConfig[" + server + ", " + name + "]";
    }
}
