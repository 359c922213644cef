package dev.parley.bench.load;

import dev.parley.themis.PublicKey;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A system under load: what to call it in the report, how to talk to it, where it listens (one URL,
 * or two cluster nodes), its pinned key, and the processes the bench started for it (empty for an
 * external server; measured and stopped by the bench otherwise).
 */
public record Target(
        String label,
        WireDialect dialect,
        List<URI> urls,
        PublicKey serverKey,
        List<ServerProcess> processes)
        implements AutoCloseable {
    public Target {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(dialect, "dialect");
        urls = List.copyOf(urls);
        processes = List.copyOf(processes);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a target needs a URL");
        }
        if (dialect.secure() && serverKey == null) {
            throw new IllegalArgumentException(
                    label + ": a secure target needs the server's public key");
        }
    }

    /** The URL client {@code index} connects to: round robin over the nodes. */
    public URI url(int index) {
        return urls.get(index % urls.size());
    }

    /** Sum of the started processes' CPU time in ns; -1 if none was started by the bench. */
    public long cpuNanos() {
        if (processes.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (ServerProcess p : processes) {
            long c = p.cpuNanos();
            if (c < 0) {
                return -1;
            }
            sum += c;
        }
        return sum;
    }

    /** Sum of the started processes' resident memory; -1 if unknown. */
    public long rssBytes() {
        if (processes.isEmpty()) {
            return -1;
        }
        return processes.stream().mapToLong(ServerProcess::rssBytes).sum();
    }

    /** Stops every process the bench started for this target. */
    @Override
    public void close() {
        processes.forEach(ServerProcess::close);
    }
}
