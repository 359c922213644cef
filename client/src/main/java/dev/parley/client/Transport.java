package dev.parley.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link ParleyClient} reaches a server: a WebSocket and one plain HTTP GET. The default,
 * {@link dev.parley.client.jdk.JdkTransport}, uses {@code java.net.http}; on Android supply one
 * built on OkHttp. The protocol core never touches the network itself.
 *
 * <p>Implementations must be thread-safe, must keep outgoing frames in the order of the send calls,
 * and must call a {@link Listener} from one thread at a time, in arrival order.
 */
public interface Transport {

    /** Opens a WebSocket to {@code uri} offering {@code subprotocol}. */
    CompletableFuture<Socket> open(URI uri, String subprotocol, Listener listener);

    /**
     * GETs {@code uri} and completes with its body as text (at most a few KiB); a non-200 status
     * completes exceptionally.
     */
    CompletableFuture<String> fetchText(URI uri);

    /** An open WebSocket. */
    interface Socket {
        void sendText(String text);

        void sendBinary(byte[] data);

        /** Closes normally; idempotent. {@link Listener#onClosed} follows. */
        void close();
    }

    /** Events of one socket. */
    interface Listener {
        void onText(String text);

        void onBinary(byte[] data);

        /** The socket closed (by either side or by failure); called at most once. */
        void onClosed(int code, String reason);
    }
}
