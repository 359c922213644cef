package dev.parley.client;

import dev.parley.protocol.ServerEvent;

/**
 * What a {@link ParleyConnection} tells its user. Every method has a no-op default; override what
 * you need.
 *
 * <p>All callbacks of one connection run on its single event thread, one at a time, in the order
 * the server sent the events. Do not block in them: hand slow work to another thread. Answers to
 * this client's own requests (acks, requested pages) go to the request's future, not here.
 */
public interface ParleyListener {
    default void onStateChanged(ConnectionState state) {}

    /** The server's welcome after every (re)connect. */
    default void onWelcome(ServerEvent.Welcome welcome) {}

    /**
     * A room message, live or missed while disconnected: after a reconnect, missed messages are
     * fetched from the server's history and delivered here once each, in id order.
     */
    default void onMessage(ServerEvent.Message message) {}

    /** A direct message to or from this user. */
    default void onDirectMessage(ServerEvent.DirectMessage message) {}

    /** {@code name} joined {@code room} (this user included). */
    default void onJoined(String room, String name) {}

    /** {@code name} left {@code room} (this user included). */
    default void onLeft(String room, String name) {}

    /** Who is in a room, when the server says so unasked (e.g. after joining). */
    default void onPresence(ServerEvent.Presence presence) {}

    /** A history page this client did not ask for: the server's replay when joining a room. */
    default void onHistory(ServerEvent.HistoryPage page) {}

    /** An error the server sent that answers none of this client's pending requests. */
    default void onServerError(ServerEvent.Error error) {}

    /**
     * The connection dropped ({@code cause} says why); a reconnect follows unless the state is
     * {@link ConnectionState#CLOSED}.
     */
    default void onDisconnected(Throwable cause) {}
}
