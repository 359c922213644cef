package dev.parley.client.internal.core;

import java.util.function.LongSupplier;

/**
 * A token bucket that keeps a client under the server's message rate limit (a server closes
 * connections that exceed it). I/O-free: the caller asks and, when refused, waits {@link
 * #nanosUntilNext()}.
 *
 * <p>Not thread-safe: use from the connection's event thread.
 */
public final class SendPacer {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * @param perSecond sustained messages per second (positive); {@code burst} at most at once (≥
     *     1)
     */
    public SendPacer(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token if one is available. */
    public boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until the next token (0 if one is available now). */
    public long nanosUntilNext() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
    }
}
