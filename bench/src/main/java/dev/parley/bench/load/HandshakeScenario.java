package dev.parley.bench.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * {@code handshake}: N clients connect and complete the Secure Session handshake as fast as the
 * server (and the generator, which does the client half of the crypto on the same machine) allow,
 * at most {@link LoadSettings#maxInFlight()} at once. Each client closes as soon as it is
 * established unless {@code hold} is set, so the room stays small and the number measures
 * handshakes, not join announcements.
 */
public final class HandshakeScenario {
    private HandshakeScenario() {}

    @SuppressWarnings("try") // the ticker prints for the scope of the block
    public static StepResult run(Target target, int clients, boolean hold, LoadSettings settings)
            throws InterruptedException {
        LoadStats stats = new LoadStats();
        try (ClientPool pool = settings.newPool(stats)) {
            Measurement m = new Measurement(target, stats);
            List<LoadClient> ready;
            try (ProgressTicker t =
                    new ProgressTicker(
                            settings,
                            () ->
                                    String.format(
                                            "[handshake %s] %.0fs handshakes=%d (%.0f/s) errors=%d",
                                            target.label(),
                                            m.elapsedSeconds(),
                                            stats.handshakes(),
                                            stats.handshakes() / Math.max(1e-3, m.elapsedSeconds()),
                                            stats.errorCount()))) {
                ready =
                        pool.connectAll(
                                clients,
                                settings.maxInFlight(),
                                settings.connectTimeoutMillis(),
                                new ClientIdentities(target, 0),
                                !hold);
            }
            double seconds = m.elapsedSeconds();
            Histogram latency = stats.handshakeInterval();
            StepResult r =
                    m.result(
                            "handshake",
                            clients,
                            Double.NaN,
                            seconds,
                            ready.size(),
                            -1,
                            -1,
                            -1,
                            latency,
                            -1);
            settings.progress(
                    String.format(
                            "[handshake %s] done: %d/%d in %.1fs = %.0f/s",
                            target.label(),
                            ready.size(),
                            clients,
                            seconds,
                            r.handshakesPerSecond()));
            return r;
        }
    }
}
