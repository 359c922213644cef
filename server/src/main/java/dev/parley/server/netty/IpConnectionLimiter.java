package dev.parley.server.netty;

import java.util.concurrent.ConcurrentHashMap;

/** Counts live WebSocket connections per remote address. Thread-safe. */
final class IpConnectionLimiter {
    private final int max;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    IpConnectionLimiter(int max) {
        this.max = max;
    }

    /** Takes a slot for {@code ip}; false (nothing taken) if it already has {@code max}. */
    boolean tryAcquire(String ip) {
        boolean[] ok = {false};
        counts.compute(
                ip,
                (k, n) -> {
                    int c = n == null ? 0 : n;
                    if (c >= max) {
                        return n;
                    }
                    ok[0] = true;
                    return c + 1;
                });
        return ok[0];
    }

    void release(String ip) {
        counts.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    }
}
