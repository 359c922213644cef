package dev.parley.bench.load;

import java.util.Map;

/**
 * One measured step of one scenario against one target. Fields that do not apply to a scenario are
 * -1 (counts, bytes) or NaN (rates, milliseconds). Latencies are milliseconds.
 *
 * @param scenario handshake | fanout | idle | cluster
 * @param target the target's label
 * @param clients clients connected during the step
 * @param offeredRate messages per second the generator tried to send (fanout)
 * @param seconds length of the measured window
 * @param handshakes handshakes completed in the step
 * @param sent chat messages sent
 * @param deliveries receipts counted (each recipient's copy of a message)
 * @param expected receipts expected (sent × room size)
 * @param p50Ms median latency: delivery (fanout) or handshake (handshake)
 * @param serverCpuPercent server CPU time over wall time, 100 = one core busy
 * @param serverRssBytes server resident set at the end of the step
 * @param serverHeapBytes server heap in use after a forced full GC (idle), else -1
 * @param generatorCpuPercent the load generator's own CPU over wall time (it shares the machine)
 */
public record StepResult(
        String scenario,
        String target,
        int clients,
        double offeredRate,
        double seconds,
        long handshakes,
        long sent,
        long deliveries,
        long expected,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        long errors,
        Map<String, Long> errorsByReason,
        double serverCpuPercent,
        long serverRssBytes,
        long serverHeapBytes,
        double generatorCpuPercent) {
    public StepResult {
        errorsByReason = Map.copyOf(errorsByReason);
    }

    public double handshakesPerSecond() {
        return handshakes < 0 || seconds <= 0 ? Double.NaN : handshakes / seconds;
    }

    public double deliveriesPerSecond() {
        return deliveries < 0 || seconds <= 0 ? Double.NaN : deliveries / seconds;
    }

    /**
     * Whether the server kept up: no errors, at least 95 % of the expected receipts arrived, and
     * they arrived at no less than 90 % of the offered rate (so a step that only finished while
     * draining a backlog does not count).
     */
    public boolean sustained() {
        return expected > 0
                && errors == 0
                && deliveries >= 0.95 * expected
                && deliveriesPerSecond() >= 0.9 * offeredRate * clients;
    }
}
