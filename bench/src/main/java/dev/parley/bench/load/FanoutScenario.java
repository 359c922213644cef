package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code fanout} (and {@code cluster}, the same over two nodes): C clients in one room; the
 * generator sends R messages per second in total, round robin over the clients, for T seconds per
 * rate; every client (the sender too) should receive every message. Latency is from the sender's
 * send to each receipt.
 *
 * <p>{@link #sweep} doubles the rate until the server stops keeping up (see {@link
 * StepResult#sustained()}), then measures once more at half the highest sustained rate.
 */
public final class FanoutScenario {
    static final long SETTLE_MILLIS = 2_000;
    static final long DRAIN_MILLIS = 3_000;
    static final int MAX_SWEEP_STEPS = 16;
    static final long QUIESCE_MAX_MILLIS = 60_000;

    private final Target target;
    private final String scenario;
    private final LoadSettings settings;
    private final LoadStats stats = new LoadStats();

    public FanoutScenario(Target target, String scenario, LoadSettings settings) {
        this.target = target;
        this.scenario = scenario;
        this.settings = settings;
    }

    /** One step per rate. */
    public List<StepResult> run(int clients, List<Double> rates, double seconds)
            throws InterruptedException {
        try (ClientPool pool = settings.newPool(stats)) {
            List<LoadClient> room = connect(pool, clients);
            List<StepResult> out = new ArrayList<>();
            for (double rate : rates) {
                out.add(step(room, rate, seconds));
            }
            return out;
        }
    }

    /** Doubling sweep from {@code startRate}, then one step at half the best sustained rate. */
    public List<StepResult> sweep(int clients, double startRate, double seconds)
            throws InterruptedException {
        try (ClientPool pool = settings.newPool(stats)) {
            List<LoadClient> room = connect(pool, clients);
            List<StepResult> out = new ArrayList<>();
            warmUp(room, startRate, seconds);
            StepResult best = null;
            double rate = startRate;
            for (int i = 0; i < MAX_SWEEP_STEPS; i++) {
                StepResult r = step(room, rate, seconds);
                out.add(r);
                if (!r.sustained()) {
                    break;
                }
                best = r;
                rate *= 2;
            }
            if (best != null) {
                out.add(step(room, best.offeredRate() / 2, seconds));
            }
            return out;
        }
    }

    private List<LoadClient> connect(ClientPool pool, int clients) throws InterruptedException {
        settings.progress(
                String.format("[%s %s] connecting %d clients", scenario, target.label(), clients));
        List<LoadClient> room =
                pool.connectAll(
                        clients,
                        settings.maxInFlight(),
                        settings.connectTimeoutMillis(),
                        new ClientIdentities(target, 0),
                        false);
        if (room.size() < clients) {
            throw new IllegalStateException(
                    target.label()
                            + ": only "
                            + room.size()
                            + " of "
                            + clients
                            + " clients connected; errors "
                            + stats.errors());
        }
        Thread.sleep(SETTLE_MILLIS); // join announcements and history settle before measuring
        return room;
    }

    /**
     * One unrecorded step, so JIT compilation and buffer growth do not land in the first result.
     */
    private void warmUp(List<LoadClient> room, double rate, double seconds)
            throws InterruptedException {
        settings.progress(
                String.format("[%s %s] warm-up at %.0f msg/s", scenario, target.label(), rate));
        stats.currentTag(stats.currentTag() + 1);
        send(room, rate, seconds);
        quiesce();
    }

    /**
     * Waits until no receipt arrived for a second (the previous step's backlog is gone), bounded.
     */
    private void quiesce() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIESCE_MAX_MILLIS);
        long last = stats.receipts();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = stats.receipts();
            if (now == last) {
                return;
            }
            last = now;
        }
    }

    @SuppressWarnings("try") // the ticker prints for the scope of the block
    private StepResult step(List<LoadClient> room, double rate, double seconds)
            throws InterruptedException {
        quiesce();
        stats.currentTag(stats.currentTag() + 1);
        stats.deliveryInterval(); // discard receipts of earlier steps
        long sent0 = stats.sentCount();
        long delivered0 = stats.deliveries();
        Measurement m = new Measurement(target, stats);
        Histogram latency = new Histogram(LoadStats.MAX_MICROS, 3);
        try (ProgressTicker t =
                new ProgressTicker(
                        settings,
                        () -> {
                            Histogram h = stats.deliveryInterval();
                            synchronized (latency) {
                                latency.add(h);
                            }
                            return String.format(
                                    "[%s %s] rate=%.0f/s %.0fs sent=%d delivered=%d (%.0f/s) p99=%.1fms errors=%d",
                                    scenario,
                                    target.label(),
                                    rate,
                                    m.elapsedSeconds(),
                                    stats.sentCount() - sent0,
                                    stats.deliveries() - delivered0,
                                    (stats.deliveries() - delivered0)
                                            / Math.max(1e-3, m.elapsedSeconds()),
                                    h.getTotalCount() == 0
                                            ? Double.NaN
                                            : h.getValueAtPercentile(99) / 1000.0,
                                    stats.errorCount());
                        })) {
            send(room, rate, seconds);
            drain(sent0, delivered0, room.size());
        }
        double elapsed = m.elapsedSeconds();
        synchronized (latency) {
            latency.add(stats.deliveryInterval());
        }
        long sent = stats.sentCount() - sent0;
        long delivered = stats.deliveries() - delivered0;
        StepResult r =
                m.result(
                        scenario,
                        room.size(),
                        rate,
                        elapsed,
                        -1,
                        sent,
                        delivered,
                        sent * room.size(),
                        latency,
                        -1);
        settings.progress(
                String.format(
                        "[%s %s] rate=%.0f/s: %.0f deliveries/s, p50 %.2f ms, p99 %.2f ms, server CPU %.0f%%, generator CPU %.0f%%, %s",
                        scenario,
                        target.label(),
                        rate,
                        r.deliveriesPerSecond(),
                        r.p50Ms(),
                        r.p99Ms(),
                        r.serverCpuPercent(),
                        r.generatorCpuPercent(),
                        r.sustained()
                                ? "sustained"
                                : "NOT sustained ("
                                        + delivered
                                        + "/"
                                        + r.expected()
                                        + ", errors "
                                        + r.errorsByReason()
                                        + ")"));
        return r;
    }

    /** Sends {@code rate} messages/s for {@code seconds}, round robin, paced every 0.5 ms. */
    private void send(List<LoadClient> room, double rate, double seconds) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        int next = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) * rate / 1e9);
            while (count < due) {
                room.get(next).sendChat();
                next = (next + 1) % room.size();
                count++;
            }
            LockSupport.parkNanos(500_000);
        }
    }

    /** Waits until every expected receipt arrived, or {@link #DRAIN_MILLIS} passed. */
    private void drain(long sent0, long delivered0, int roomSize) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (System.nanoTime() < deadline) {
            long expected = (stats.sentCount() - sent0) * roomSize;
            if (stats.deliveries() - delivered0 >= expected) {
                return;
            }
            Thread.sleep(5);
        }
    }
}
