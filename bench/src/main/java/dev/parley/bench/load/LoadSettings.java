package dev.parley.bench.load;

import java.io.PrintStream;

/**
 * Generator-side knobs shared by every scenario.
 *
 * @param threads client event loop threads
 * @param maxInFlight handshakes pending at once while connecting
 * @param perAddress sockets per loopback source address
 * @param connectTimeoutMillis bound on connecting all clients of a step
 * @param progress where the progress line goes (null: nowhere)
 */
public record LoadSettings(
        int threads,
        int maxInFlight,
        int perAddress,
        long connectTimeoutMillis,
        PrintStream progress) {
    public static LoadSettings defaults(PrintStream progress) {
        return new LoadSettings(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                256,
                SourceAddresses.DEFAULT_PER_ADDRESS,
                300_000,
                progress);
    }

    public LoadSettings {
        if (threads < 1 || maxInFlight < 1 || perAddress < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("load settings must be positive");
        }
    }

    ClientPool newPool(LoadStats stats) {
        return new ClientPool(threads, stats, new SourceAddresses(perAddress));
    }

    void progress(String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }
}
