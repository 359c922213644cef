package dev.parley.client;

import dev.parley.protocol.RoomInfo;
import dev.parley.protocol.ServerEvent;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A live connection to a Parley server, speaking protocol v2 over Secure Session.
 *
 * <p><b>Thread safety:</b> every method may be called from any thread and never blocks; work runs
 * on the connection's single event thread, which also runs the {@link ParleyListener}.
 *
 * <p><b>Failures:</b> a refused message completes normally with a rejected {@link SendResult}; a
 * refused request without message id fails with {@link RequestRejectedException}; a request in
 * flight when the socket drops fails with {@link ConnectionLostException}; a request that gets no
 * answer within the request timeout fails with {@link java.util.concurrent.TimeoutException}.
 * Requests made while {@link ConnectionState#RECONNECTING} wait and go out after the reconnect;
 * after {@link #close()} they fail at once.
 *
 * <p><b>Reconnects:</b> when the socket drops the connection retries with jittered exponential
 * backoff, rejoins its rooms and delivers the messages it missed (from the server's history) to
 * {@link ParleyListener#onMessage} before new ones.
 */
public interface ParleyConnection extends AutoCloseable {
    ConnectionState state();

    /** The user name this connection is logged in with. */
    String name();

    /** The rooms this connection is in (as far as the server has confirmed). */
    Set<String> joinedRooms();

    /** Posts {@code text} to {@code room}. */
    CompletableFuture<SendResult> send(String room, String text);

    /** Sends {@code text} privately to user {@code to}. */
    CompletableFuture<SendResult> sendDirect(String to, String text);

    CompletableFuture<Void> join(String room);

    CompletableFuture<Void> leave(String room);

    /** The members of {@code room}. */
    CompletableFuture<List<String>> who(String room);

    /** The rooms on the server. */
    CompletableFuture<List<RoomInfo>> rooms();

    /**
     * Up to {@code limit} messages of {@code room} older than {@code beforeId} (latest when empty).
     */
    CompletableFuture<ServerEvent.HistoryPage> history(
            String room, OptionalLong beforeId, int limit);

    /**
     * Closes the socket and stops reconnecting; pending requests fail. Idempotent; does not block.
     */
    @Override
    void close();

    /**
     * Completes once the connection is {@link ConnectionState#CLOSED} (by {@link #close()} or a
     * fatal error) and its listener has returned for the last time: wait on it before tearing down
     * what the listener uses.
     */
    CompletableFuture<Void> closed();
}
