package dev.parley.bench.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Wall time and server CPU over one step; turns counters into a {@link StepResult}. Not
 * thread-safe.
 */
final class Measurement {
    private final Target target;
    private final long startNanos;
    private final long startCpu;
    private final long startOwnCpu = ownCpuNanos();
    private final Map<String, Long> startErrors;
    private final LoadStats stats;

    Measurement(Target target, LoadStats stats) {
        this.target = target;
        this.stats = stats;
        this.startNanos = System.nanoTime();
        this.startCpu = target.cpuNanos();
        this.startErrors = stats.errors();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    double cpuPercent() {
        long end = target.cpuNanos();
        long wall = System.nanoTime() - startNanos;
        return end < 0 || startCpu < 0 || wall <= 0 ? Double.NaN : 100.0 * (end - startCpu) / wall;
    }

    double generatorCpuPercent() {
        long end = ownCpuNanos();
        long wall = System.nanoTime() - startNanos;
        return end < 0 || startOwnCpu < 0 || wall <= 0
                ? Double.NaN
                : 100.0 * (end - startOwnCpu) / wall;
    }

    private static long ownCpuNanos() {
        return ProcStats.cpuNanos(ProcessHandle.current().pid());
    }

    /** Errors counted since this measurement began, by reason. */
    Map<String, Long> newErrors() {
        Map<String, Long> now = stats.errors();
        now.replaceAll((k, v) -> v - startErrors.getOrDefault(k, 0L));
        now.values().removeIf(v -> v == 0);
        return now;
    }

    StepResult result(
            String scenario,
            int clients,
            double offeredRate,
            double seconds,
            long handshakes,
            long sent,
            long deliveries,
            long expected,
            Histogram latency,
            long heapBytes) {
        Map<String, Long> errors = newErrors();
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        boolean any = latency != null && latency.getTotalCount() > 0;
        return new StepResult(
                scenario,
                target.label(),
                clients,
                offeredRate,
                seconds,
                handshakes,
                sent,
                deliveries,
                expected,
                any ? ms(latency, 50) : Double.NaN,
                any ? ms(latency, 99) : Double.NaN,
                any ? ms(latency, 99.9) : Double.NaN,
                any ? latency.getMaxValue() / 1000.0 : Double.NaN,
                errorCount,
                errors,
                cpuPercent(),
                target.rssBytes(),
                heapBytes,
                generatorCpuPercent());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
