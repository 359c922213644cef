package dev.parley.client.internal;

import dev.parley.client.internal.core.SendPacer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Requests waiting to go out: while reconnecting, or because the {@link SendPacer} says wait.
 * Bounded; kept in order. Confined to the connection's event thread.
 */
final class Outbox {
    static final int MAX_WAITING = 1000;

    private record Queued(CompletableFuture<?> future, Runnable send) {}

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final SendPacer pacer;
    private final ScheduledExecutorService loop;
    private boolean drainScheduled;

    Outbox(SendPacer pacer, ScheduledExecutorService loop) {
        this.pacer = pacer;
        this.loop = loop;
    }

    /** Queues {@code send}; false if {@value #MAX_WAITING} requests wait already. */
    boolean add(CompletableFuture<?> future, Runnable send) {
        if (queue.size() >= MAX_WAITING) {
            return false;
        }
        queue.add(new Queued(future, send));
        return true;
    }

    /**
     * Sends waiting requests in order while {@code canSend} holds and the pacer allows; when the
     * pacer says wait, schedules another drain for when it will allow.
     */
    void drain(BooleanSupplier canSend) {
        while (!queue.isEmpty() && canSend.getAsBoolean()) {
            if (queue.peek().future().isDone()) {
                queue.poll(); // timed out while waiting
                continue;
            }
            long wait = pacer.nanosUntilNext();
            if (wait > 0) {
                if (!drainScheduled) {
                    drainScheduled = true;
                    loop.schedule(
                            () -> {
                                drainScheduled = false;
                                drain(canSend);
                            },
                            wait,
                            TimeUnit.NANOSECONDS);
                }
                return;
            }
            pacer.tryTake();
            queue.poll().send().run();
        }
    }

    /** Fails every waiting request with the throwable {@code why} makes. */
    void failAll(Function<CompletableFuture<?>, Throwable> why) {
        while (!queue.isEmpty()) {
            Queued q = queue.poll();
            q.future().completeExceptionally(why.apply(q.future()));
        }
    }
}
