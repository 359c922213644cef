package dev.parley.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders shared by every load client of one run. Thread-safe: clients
 * record from their event loops; the scenario reads intervals from its own thread.
 *
 * <p>Latencies are recorded in microseconds, from 1 µs to 10 minutes, 3 significant digits.
 */
public final class LoadStats {
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Recorder delivery = new Recorder(MAX_MICROS, 3);
    private final Recorder handshake = new Recorder(MAX_MICROS, 3);
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder staleDeliveries = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile int tag;

    /** Receipts carrying another tag count as stale, not as deliveries. */
    public void currentTag(int tag) {
        this.tag = tag;
    }

    public int currentTag() {
        return tag;
    }

    void handshakeDone(long startedNanos, long nowNanos) {
        handshakes.increment();
        handshake.recordValue(clamp((nowNanos - startedNanos) / 1000));
    }

    void sent() {
        sent.increment();
    }

    void received(Marker.Stamp stamp, long nowNanos) {
        if (stamp.tag() != tag) {
            staleDeliveries.increment();
            return;
        }
        deliveries.increment();
        delivery.recordValue(clamp((nowNanos - stamp.sentNanos()) / 1000));
    }

    void duplicate() {
        duplicates.increment();
    }

    /**
     * Copies of a message a client had just received (the reference's N² mode), not counted as
     * deliveries.
     */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Counts an error by a short fixed reason ("connect", "closed", "handshake", ...). */
    public void error(String reason) {
        errors.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long handshakes() {
        return handshakes.sum();
    }

    public long deliveries() {
        return deliveries.sum();
    }

    /** Every receipt carrying a marker, of any step, duplicates included. */
    public long receipts() {
        return deliveries.sum() + staleDeliveries.sum() + duplicates.sum();
    }

    public long staleDeliveries() {
        return staleDeliveries.sum();
    }

    public long sentCount() {
        return sent.sum();
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Error counts by reason, sorted. */
    public Map<String, Long> errors() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Delivery latencies since the previous call (the recorder is reset). */
    public Histogram deliveryInterval() {
        return delivery.getIntervalHistogram();
    }

    /** Handshake latencies since the previous call. */
    public Histogram handshakeInterval() {
        return handshake.getIntervalHistogram();
    }

    private static long clamp(long micros) {
        return Math.max(1, Math.min(MAX_MICROS, micros));
    }
}
