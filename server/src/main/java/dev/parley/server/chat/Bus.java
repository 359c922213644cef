package dev.parley.server.chat;

import java.time.Instant;

/**
 * Carries room traffic to every server node (one node now; a Redis implementation can
 * follow). Publish order is delivery order: subscribers see messages of a room in the order
 * they were published. A subscriber must not block.
 */
public interface Bus extends AutoCloseable {
    void publish(BusMessage message);

    void subscribe(Subscriber subscriber);

    @Override
    void close();

    @FunctionalInterface
    interface Subscriber {
        void onMessage(BusMessage message);
    }

    /** What crosses nodes. */
    sealed interface BusMessage {
        record Posted(ChatLine line) implements BusMessage {
        }

        record Joined(String room, String name) implements BusMessage {
        }

        record Left(String room, String name) implements BusMessage {
        }

        record Direct(String from, String to, String text, Instant timestamp) implements BusMessage {
        }
    }
}
