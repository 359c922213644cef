package dev.parley.server.connection;

import dev.parley.server.chat.ChatEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's bounded queue of plaintext events waiting to be wrapped and written. Offers
 * come from any thread; polling happens on the connection's executor. The bound is in events,
 * and each event is bounded in size, so a reader that stops reading cannot grow the heap.
 */
final class OutboundQueue {
    record Entry(ChatEvent event, long queuedAtNanos) {
    }

    private final int limit;
    private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    OutboundQueue(int limit) {
        this.limit = limit;
    }

    /** Adds an event; false (nothing added) if the queue already holds {@code limit} events. */
    boolean offer(ChatEvent event) {
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            return false;
        }
        entries.add(new Entry(event, System.nanoTime()));
        return true;
    }

    /** True for the caller that must schedule a drain (exactly one until {@link #drainStarted}). */
    boolean needsDrain() {
        return drainScheduled.compareAndSet(false, true);
    }

    void drainStarted() {
        drainScheduled.set(false);
    }

    Entry poll() {
        Entry e = entries.poll();
        if (e != null) {
            size.decrementAndGet();
        }
        return e;
    }

    void clear() {
        while (poll() != null) {
            // drop
        }
    }
}
