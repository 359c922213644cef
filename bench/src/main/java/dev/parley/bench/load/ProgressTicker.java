package dev.parley.bench.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a progress line once a second while a step runs. Close to stop it: {@link #close()}
 * returns only after a line that was being computed has finished, so a supplier that drains a
 * shared recorder never races the caller's final drain.
 */
final class ProgressTicker implements AutoCloseable {
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "bench-progress");
                        t.setDaemon(true);
                        return t;
                    });

    ProgressTicker(LoadSettings settings, Supplier<String> line) {
        timer.scheduleAtFixedRate(() -> settings.progress(line.get()), 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
