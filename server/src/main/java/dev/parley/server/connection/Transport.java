package dev.parley.server.connection;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What a {@link Connection} needs from its socket; the Netty adapter implements it. All methods
 * except {@link #executor()} must be called on that executor.
 */
public interface Transport {
    /** The ordered executor of this connection (its event loop). */
    Executor executor();

    void sendText(String text);

    void sendBinary(byte[] data);

    void flush();

    /** False while the socket's outbound buffer is above its high-water mark. */
    boolean isWritable();

    /** Pauses or resumes reading from the socket (back-pressure while a handshake step runs). */
    void setReading(boolean on);

    /** Sends a close frame with the reason's code and text, then closes the socket. */
    void close(CloseReason reason);

    /** Runs {@code task} on the executor after {@code delay} unless the socket closed first. */
    void schedule(Duration delay, Runnable task);

    /** The peer's IP address, for logs and per-address limits. */
    String remoteAddress();
}
