package dev.parley.bench.load;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Runs the scenarios of {@code parley bench}: one scenario against one target, or {@link #all}
 * (Parley v2 and v1, the Node reference, the plaintext ceiling, and cluster mode when a Redis URL
 * is given), each server in its own process, started and stopped in turn so that only one is
 * running at a time. Builds the {@link Report}.
 */
public final class BenchRunner {
    private final BenchOptions o;
    private final Report report;

    public BenchRunner(BenchOptions options) {
        this.o = options;
        this.report = new Report(options.commandLine(), Machine.detect(), Instant.now());
    }

    public Report report() {
        return report;
    }

    public void handshake() throws IOException, InterruptedException {
        try (Target t = open(o.target())) {
            report.add(HandshakeScenario.run(t, o.clients(), o.hold(), o.load()));
        }
    }

    public void fanout() throws IOException, InterruptedException {
        try (Target t = open(o.target())) {
            report.add(fanout(t, "fanout"));
        }
    }

    public void idle() throws IOException, InterruptedException {
        try (Target t = open(o.target())) {
            report.add(IdleScenario.run(t, o.sessions(), o.load()));
        }
    }

    /**
     * Fan-out across two nodes: two {@code --url}s, or two Parley nodes started by the bench on
     * {@code --redis} (or on a throw-away {@code redis-server} when none is given).
     */
    public void cluster() throws IOException, InterruptedException {
        Target t;
        if (o.urls().size() >= 2) {
            t = Targets.external("cluster", o.dialect(), o.urls(), o.serverKey());
        } else if (!o.urls().isEmpty()) {
            throw new IllegalArgumentException(
                    "cluster needs two --url (one per node), or none to start a cluster");
        } else {
            t =
                    Targets.parleyCluster(
                            o.launch(),
                            o.target().equals("parley-v1") ? WireDialect.V1 : WireDialect.V2,
                            "parley-cluster",
                            o.redis());
        }
        try (t) {
            report.add(fanout(t, "cluster"));
        }
    }

    /**
     * Every scenario against Parley v2 and v1, the reference and the plaintext ceiling, fan-out
     * against the reference in N² mode, and cluster when Redis is available. A failing part is
     * noted in the report and the rest runs.
     */
    public void all() throws InterruptedException {
        for (String target : List.of("parley", "parley-v1", "reference", "plaintext")) {
            attempt(
                    target + " handshake",
                    () -> {
                        try (Target t = open(target)) {
                            report.add(HandshakeScenario.run(t, o.clients(), false, o.load()));
                        }
                    });
            attempt(
                    target + " fanout",
                    () -> {
                        try (Target t = open(target)) {
                            report.add(fanout(t, "fanout"));
                        }
                    });
            if (!target.equals("parley-v1")) {
                attempt(
                        target + " idle",
                        () -> {
                            try (Target t = open(target)) {
                                report.add(IdleScenario.run(t, o.sessions(), o.load()));
                            }
                        });
            }
        }
        attempt(
                "reference-n2 fanout",
                () -> {
                    try (Target t = open("reference-n2")) {
                        // the tutorial's loop costs N² wraps per message: start the sweep far lower
                        report.add(
                                new FanoutScenario(t, "fanout", o.load())
                                        .sweep(
                                                o.fanoutClients(),
                                                Math.max(1, o.startRate() / 16),
                                                o.seconds()));
                    }
                });
        report.note(
                "load average (1, 5, 15 min) when the run ended: "
                        + Machine.currentLoadAverage()
                        + "; anything well above 0 means other work shared the CPUs and the numbers are low.");
        if (o.redis() != null || onPath("redis-server")) {
            attempt("cluster", this::cluster);
        } else {
            report.note("cluster: not run (no --redis URL and no redis-server on the PATH).");
        }
    }

    private List<StepResult> fanout(Target t, String scenario) throws InterruptedException {
        FanoutScenario f = new FanoutScenario(t, scenario, o.load());
        int clients = o.fanoutClients();
        return o.rates().isEmpty()
                ? f.sweep(clients, o.startRate(), o.seconds())
                : f.run(clients, o.rates(), o.seconds());
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private Target open(String target) throws IOException, InterruptedException {
        if (!o.urls().isEmpty()) {
            return Targets.external("external", o.dialect(), o.urls(), o.serverKey());
        }
        Targets.Launch l = o.launch();
        return switch (target) {
            case "parley" -> Targets.parley(l, WireDialect.V2, "parley-v2", List.of());
            case "parley-v1" -> Targets.parley(l, WireDialect.V1, "parley-v1", List.of());
            case "reference" -> Targets.reference(l, "unicast", "reference");
            case "reference-n2" -> Targets.reference(l, "n2", "reference-n2");
            case "plaintext" -> Targets.plaintext(l, "plaintext");
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    @FunctionalInterface
    private interface Part {
        void run() throws Exception;
    }

    private void attempt(String what, Part part) throws InterruptedException {
        try {
            part.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String msg = what + ": failed: " + e;
            o.load().progress(msg);
            report.note(msg);
        }
    }
}
