package dev.parley.server.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Carries room traffic to every server node: {@link LocalBus} for one node, {@code
 * dev.parley.server.cluster.RedisBus} for several. Subscribers see the messages of a room in one
 * order; a bus may deliver on its own thread and after the publisher returned (the router then
 * drops what a member already got in its join replay). A subscriber must not block.
 */
public interface Bus extends AutoCloseable {
    void publish(BusMessage message);

    void subscribe(Subscriber subscriber);

    @Override
    void close();

    /**
     * Whether {@code name} is online on another node. Called on the router thread; a cluster bus
     * may block for one round trip. A single-node bus knows no other node.
     */
    default boolean isOnlineElsewhere(String name) {
        return false;
    }

    /** The names in {@code room} on other nodes (router thread; see {@link #isOnlineElsewhere}). */
    default Collection<String> namesElsewhere(String room) {
        return List.of();
    }

    /** Every room with members on other nodes, with their names (router thread). */
    default Map<String, Collection<String>> roomsElsewhere() {
        return Map.of();
    }

    @FunctionalInterface
    interface Subscriber {
        void onMessage(BusMessage message);
    }

    /** What crosses nodes. */
    sealed interface BusMessage {
        record Posted(ChatLine line) implements BusMessage {}

        record Joined(String room, String name) implements BusMessage {}

        record Left(String room, String name) implements BusMessage {}

        record Direct(String from, String to, String text, Instant timestamp)
                implements BusMessage {}
    }
}
