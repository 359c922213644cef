package dev.parley.server.connection;

import dev.parley.server.chat.ChatEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's bounded queue of plaintext events waiting to be wrapped and written. Offers come
 * from any thread; polling happens on the connection's executor. The bound is in lines: an event
 * weighs one, a history page one plus its lines (a page holds up to 200 messages, so counting it as
 * one let a reader that never reads park about a thousand pages, hundreds of MB, by repeating
 * {@code /history 200}). Each line is bounded in size, so a reader that stops reading cannot grow
 * the heap. An event is always accepted into an empty queue, so a single page larger than the limit
 * is still served.
 */
final class OutboundQueue {
    record Entry(ChatEvent event, long queuedAtNanos, int weight) {}

    private final int limit;
    private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    OutboundQueue(int limit) {
        this.limit = limit;
    }

    /** Adds an event; false (nothing added) if it would take the queue over {@code limit} lines. */
    boolean offer(ChatEvent event) {
        int weight = weight(event);
        while (true) {
            int now = size.get();
            if (now > 0 && now + weight > limit) {
                return false;
            }
            if (size.compareAndSet(now, now + weight)) {
                break;
            }
        }
        entries.add(new Entry(event, System.nanoTime(), weight));
        return true;
    }

    static int weight(ChatEvent event) {
        return event instanceof ChatEvent.History h ? 1 + h.lines().size() : 1;
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
            size.addAndGet(-e.weight());
        }
        return e;
    }

    void clear() {
        while (poll() != null) {
            // drop
        }
    }
}
