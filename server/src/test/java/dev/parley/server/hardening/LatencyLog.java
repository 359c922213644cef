package dev.parley.server.hardening;

import java.util.Arrays;

/**
 * Delivery latencies (ns) collected from many threads, drained per reporting interval. Thread-safe.
 */
final class LatencyLog {
    private long[] samples = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** {count, p50, p95, p99, max} of the samples since the last call, then forgets them. */
    long[] drainPercentiles() {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(samples, size);
            size = 0;
        }
        if (copy.length == 0) {
            return new long[] {0, 0, 0, 0, 0};
        }
        Arrays.sort(copy);
        return new long[] {
            copy.length, at(copy, 0.50), at(copy, 0.95), at(copy, 0.99), copy[copy.length - 1]
        };
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
