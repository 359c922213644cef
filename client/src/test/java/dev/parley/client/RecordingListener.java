package dev.parley.client;

import dev.parley.protocol.ServerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records what a connection reports; waits are bounded. */
final class RecordingListener implements ParleyListener {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final List<ServerEvent.Message> messages =
            java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onStateChanged(ConnectionState state) {
        events.add(state);
    }

    @Override
    public void onMessage(ServerEvent.Message message) {
        messages.add(message);
        events.add(message);
    }

    @Override
    public void onDirectMessage(ServerEvent.DirectMessage message) {
        events.add(message);
    }

    @Override
    public void onJoined(String room, String name) {
        events.add("joined " + room + " " + name);
    }

    @Override
    public void onDisconnected(Throwable cause) {
        events.add(cause);
    }

    /** The next recorded event matching {@code p}, skipping others; fails after 10 s. */
    @SuppressWarnings("unchecked")
    <T> T await(Class<T> type, Predicate<T> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Object e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e) && p.test((T) e)) {
                return (T) e;
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within 10 s");
    }

    /** Waits until {@link #messages} holds {@code n} messages (fails after 10 s). */
    List<ServerEvent.Message> awaitMessages(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && messages.size() < n) {
            Thread.sleep(20);
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
