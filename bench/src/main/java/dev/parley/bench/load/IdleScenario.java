package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code idle}: N established sessions held open; at each checkpoint the server's heap after a full
 * GC and its RSS are measured, once it has gone quiet (join announcements processed), and a Java
 * server's class histogram is saved next to its log ({@code <label>-histogram-<n>.txt}). The server
 * must be a separate process started by the bench (heap needs its pid).
 */
public final class IdleScenario {
    static final double QUIET_CPU_PERCENT = 10;
    static final long QUIET_MAX_MILLIS = 120_000;

    private IdleScenario() {}

    /**
     * @param checkpoints ascending session counts; 0 measures the empty server
     */
    @SuppressWarnings("try") // the ticker prints for the scope of the block
    public static List<StepResult> run(
            Target target, List<Integer> checkpoints, LoadSettings settings)
            throws InterruptedException {
        if (target.processes().isEmpty()) {
            throw new IllegalArgumentException(
                    "idle needs a server started by the bench (to read its memory)");
        }
        LoadStats stats = new LoadStats();
        List<StepResult> out = new ArrayList<>();
        try (ClientPool pool = settings.newPool(stats)) {
            ClientIdentities ids = new ClientIdentities(target, 0);
            int open = 0;
            for (int goal : checkpoints) {
                Measurement m = new Measurement(target, stats);
                if (goal > open) {
                    int more = goal - open;
                    int base = open;
                    ClientPool.ClientSpec spec = new OffsetSpec(ids, base);
                    int[] now = {open};
                    try (ProgressTicker t =
                            new ProgressTicker(
                                    settings,
                                    () ->
                                            String.format(
                                                    "[idle %s] %d/%d sessions, errors=%d",
                                                    target.label(),
                                                    now[0] + (int) (stats.handshakes() - base),
                                                    goal,
                                                    stats.errorCount()))) {
                        open +=
                                pool.connectAll(
                                                more,
                                                settings.maxInFlight(),
                                                settings.connectTimeoutMillis(),
                                                spec,
                                                false)
                                        .size();
                    }
                }
                waitQuiet(target, settings);
                ServerProcess server = target.processes().get(0);
                OptionalLong heap = server.heapUsedAfterGc();
                server.writeClassHistogram(
                        server.log()
                                .resolveSibling(target.label() + "-histogram-" + open + ".txt"));
                StepResult r =
                        m.result(
                                "idle",
                                open,
                                Double.NaN,
                                m.elapsedSeconds(),
                                stats.handshakes(),
                                -1,
                                -1,
                                -1,
                                null,
                                heap.orElse(-1));
                settings.progress(
                        String.format(
                                "[idle %s] %d sessions: heap %s, RSS %s",
                                target.label(),
                                open,
                                Report.mib(r.serverHeapBytes()),
                                Report.mib(r.serverRssBytes())));
                out.add(r);
                if (open < goal) {
                    break; // could not open more; later checkpoints would repeat this one
                }
            }
            return out;
        }
    }

    /** Waits until the server uses under {@link #QUIET_CPU_PERCENT} of a core over one second. */
    private static void waitQuiet(Target target, LoadSettings settings)
            throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_MAX_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            long c0 = target.cpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(1_000);
            long c1 = target.cpuNanos();
            double pct = 100.0 * (c1 - c0) / (System.nanoTime() - t0);
            if (c0 < 0 || c1 < 0 || pct < QUIET_CPU_PERCENT) {
                return;
            }
            settings.progress(
                    String.format(
                            "[idle %s] waiting for the server to go quiet (%.0f%% CPU)",
                            target.label(), pct));
        }
    }

    /**
     * The identities of {@code ids} shifted by {@code base}, so every checkpoint adds new names.
     */
    private record OffsetSpec(ClientIdentities ids, int base) implements ClientPool.ClientSpec {
        @Override
        public java.net.URI url(int index) {
            return ids.url(base + index);
        }

        @Override
        public WireDialect dialect() {
            return ids.dialect();
        }

        @Override
        public String name(int index) {
            return ids.name(base + index);
        }

        @Override
        public dev.parley.themis.KeyPair keys(int index) {
            return ids.keys(base + index);
        }

        @Override
        public dev.parley.themis.PublicKey serverKey(int index) {
            return ids.serverKey(base + index);
        }
    }
}
