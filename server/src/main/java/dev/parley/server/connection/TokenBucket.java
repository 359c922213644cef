package dev.parley.server.connection;

import java.util.function.LongSupplier;

/** A token bucket rate limiter. Not thread-safe: one per connection, used on its executor. */
final class TokenBucket {
    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.capacity = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token if available. */
    boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
