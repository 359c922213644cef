package dev.parley.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code parley bench} was told. Scenario sizes have defaults sized for a 2-core
 * machine; see {@code docs/benchmarks.md}.
 *
 * @param target parley | parley-v1 | reference | reference-n2 | plaintext (started by the bench),
 *     or external when {@code urls} is non-empty
 * @param urls external server(s); two for {@code cluster} without {@code redis}
 * @param dialect for external servers: v1 | v2 | plain
 * @param serverKey for external secure servers: base64 public key
 * @param clients handshake (and idle without checkpoints): clients to connect
 * @param fanoutClients fanout and cluster: room size
 * @param rates fanout: messages/s per step; empty = doubling sweep from {@code startRate}
 * @param startRate first rate of a sweep
 * @param seconds fanout: length of each step
 * @param sessions idle: checkpoints (session counts, ascending)
 * @param hold handshake: keep sessions open instead of closing each once established
 * @param redis cluster: Redis URL for two Parley nodes started by the bench
 * @param out report file (.md: Markdown + JSON + SVG next to it; else JSON + SVG); null: table only
 * @param launch how to start servers
 * @param load generator settings
 * @param commandLine the command as typed, for the report
 */
public record BenchOptions(
        String target,
        List<URI> urls,
        WireDialect dialect,
        String serverKey,
        int clients,
        int fanoutClients,
        List<Double> rates,
        double startRate,
        double seconds,
        List<Integer> sessions,
        boolean hold,
        String redis,
        Path out,
        Targets.Launch launch,
        LoadSettings load,
        String commandLine) {
    public static final List<String> TARGETS =
            List.of("parley", "parley-v1", "reference", "reference-n2", "plaintext");

    public BenchOptions {
        urls = List.copyOf(urls);
        rates = List.copyOf(rates);
        sessions = List.copyOf(sessions);
        if (urls.isEmpty() && !TARGETS.contains(target)) {
            throw new IllegalArgumentException(
                    "unknown target " + target + "; expected one of " + TARGETS + " or --url");
        }
        if (clients < 1 || fanoutClients < 1) {
            throw new IllegalArgumentException("client counts must be positive");
        }
        if (!(seconds > 0) || !(startRate > 0)) {
            throw new IllegalArgumentException("seconds and rates must be positive");
        }
        for (double r : rates) {
            if (!(r > 0)) {
                throw new IllegalArgumentException("rates must be positive: " + r);
            }
        }
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i) <= sessions.get(i - 1)) {
                throw new IllegalArgumentException("session checkpoints must ascend: " + sessions);
            }
        }
    }
}
