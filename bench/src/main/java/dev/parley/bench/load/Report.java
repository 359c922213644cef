package dev.parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one bench run: a plain-text table for the terminal, a JSON file, SVG charts
 * (delivery latency against offered load for fan-out; heap and RSS against sessions for idle), and
 * a Markdown page that embeds them. Not thread-safe.
 */
public final class Report {
    private final String command;
    private final Machine machine;
    private final Instant when;
    private final List<StepResult> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String command, Machine machine, Instant when) {
        this.command = command;
        this.machine = machine;
        this.when = when;
    }

    public void add(List<StepResult> results) {
        steps.addAll(results);
    }

    public void add(StepResult result) {
        steps.add(result);
    }

    /** A line for the Markdown notes section (skipped scenarios, caveats). */
    public void note(String text) {
        notes.add(text);
    }

    public List<StepResult> steps() {
        return List.copyOf(steps);
    }

    /** Fixed-width table of every step. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-9s %-16s %7s %9s %6s %10s %12s %8s %8s %8s %7s %6s %6s %9s %9s%n",
                        "scenario",
                        "target",
                        "clients",
                        "rate/s",
                        "secs",
                        "hs/s",
                        "deliv/s",
                        "p50ms",
                        "p99ms",
                        "p999ms",
                        "errors",
                        "cpu%",
                        "gen%",
                        "rssMiB",
                        "heapMiB"));
        for (StepResult r : steps) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-9s %-16s %7d %9s %6.1f %10s %12s %8s %8s %8s %7d %6s %6s %9s %9s%n",
                            r.scenario(),
                            r.target(),
                            r.clients(),
                            num(r.offeredRate(), 0),
                            r.seconds(),
                            num(r.handshakesPerSecond(), 0),
                            num(r.deliveriesPerSecond(), 0),
                            num(r.p50Ms(), 2),
                            num(r.p99Ms(), 2),
                            num(r.p999Ms(), 2),
                            r.errors(),
                            num(r.serverCpuPercent(), 0),
                            num(r.generatorCpuPercent(), 0),
                            mibNumber(r.serverRssBytes()),
                            mibNumber(r.serverHeapBytes())));
        }
        return b.toString();
    }

    public String json() {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("command", command).field("when", when.toString());
        w.name("machine")
                .beginObject()
                .field("nproc", machine.nproc())
                .field("cpuModel", machine.cpuModel())
                .field("memoryBytes", machine.memoryBytes())
                .field("java", machine.javaVersion())
                .field("os", machine.os())
                .field("openFilesLimit", machine.openFilesLimit())
                .field("loadAverageAtStart", machine.loadAverage())
                .endObject();
        w.name("steps").beginArray();
        for (StepResult r : steps) {
            w.beginObject()
                    .field("scenario", r.scenario())
                    .field("target", r.target())
                    .field("clients", r.clients())
                    .field("offeredRate", r.offeredRate())
                    .field("seconds", r.seconds())
                    .field("handshakes", r.handshakes())
                    .field("handshakesPerSecond", r.handshakesPerSecond())
                    .field("sent", r.sent())
                    .field("deliveries", r.deliveries())
                    .field("expected", r.expected())
                    .field("deliveriesPerSecond", r.deliveriesPerSecond())
                    .field("sustained", r.sustained())
                    .field("p50Ms", r.p50Ms())
                    .field("p99Ms", r.p99Ms())
                    .field("p999Ms", r.p999Ms())
                    .field("maxMs", r.maxMs())
                    .field("errors", r.errors())
                    .field("errorsByReason", r.errorsByReason())
                    .field("serverCpuPercent", r.serverCpuPercent())
                    .field("serverRssBytes", r.serverRssBytes())
                    .field("serverHeapBytes", r.serverHeapBytes())
                    .field("generatorCpuPercent", r.generatorCpuPercent())
                    .endObject();
        }
        w.endArray();
        w.name("notes").beginArray();
        notes.forEach(w::value);
        w.endArray();
        return w.endObject().toString() + "\n";
    }

    /**
     * p50 (dashed) and p99 (solid) delivery latency against offered deliveries/s, one color per
     * target, both axes logarithmic (the sweep doubles the rate; latency spans 1 ms to seconds).
     */
    public String fanoutChart() {
        SvgChart c =
                new SvgChart(
                                "Fan-out: delivery latency against load",
                                "offered deliveries/s (rate × room size)",
                                "latency (ms)")
                        .logScale(true, true);
        int[] color = {0};
        byTarget(List.of("fanout", "cluster"))
                .forEach(
                        (target, rs) -> {
                            c.series(
                                    target + " p99",
                                    rs.stream()
                                            .map(
                                                    r ->
                                                            new SvgChart.Point(
                                                                    r.offeredRate() * r.clients(),
                                                                    r.p99Ms()))
                                            .toList(),
                                    color[0],
                                    false);
                            c.series(
                                    target + " p50",
                                    rs.stream()
                                            .map(
                                                    r ->
                                                            new SvgChart.Point(
                                                                    r.offeredRate() * r.clients(),
                                                                    r.p50Ms()))
                                            .toList(),
                                    color[0]++,
                                    true);
                        });
        return c.render();
    }

    /** Server heap (after GC) and RSS in MiB against established sessions. */
    public String idleChart() {
        SvgChart c =
                new SvgChart("Idle: server memory against sessions", "established sessions", "MiB");
        int[] color = {0};
        byTarget(List.of("idle"))
                .forEach(
                        (target, rs) -> {
                            c.series(
                                    target + " heap",
                                    rs.stream()
                                            .filter(r -> r.serverHeapBytes() >= 0)
                                            .map(
                                                    r ->
                                                            new SvgChart.Point(
                                                                    r.clients(),
                                                                    r.serverHeapBytes()
                                                                            / 1048576.0))
                                            .toList(),
                                    color[0],
                                    false);
                            c.series(
                                    target + " RSS",
                                    rs.stream()
                                            .map(
                                                    r ->
                                                            new SvgChart.Point(
                                                                    r.clients(),
                                                                    r.serverRssBytes() / 1048576.0))
                                            .toList(),
                                    color[0]++,
                                    true);
                        });
        return c.render();
    }

    /**
     * Heap bytes per session between the first and last idle checkpoint of a target; NaN if
     * unknown.
     */
    public double heapPerSession(String target) {
        List<StepResult> rs = byTarget(List.of("idle")).getOrDefault(target, List.of());
        if (rs.size() < 2) {
            return Double.NaN;
        }
        StepResult a = rs.get(0);
        StepResult z = rs.get(rs.size() - 1);
        if (z.clients() == a.clients() || a.serverHeapBytes() < 0 || z.serverHeapBytes() < 0) {
            return Double.NaN;
        }
        return (double) (z.serverHeapBytes() - a.serverHeapBytes()) / (z.clients() - a.clients());
    }

    Map<String, List<StepResult>> byTarget(List<String> scenarios) {
        Map<String, List<StepResult>> m = new LinkedHashMap<>();
        for (StepResult r : steps) {
            if (scenarios.contains(r.scenario())) {
                m.computeIfAbsent(r.target(), k -> new ArrayList<>()).add(r);
            }
        }
        return m;
    }

    /**
     * Writes {@code out} (Markdown if it ends in .md, else JSON) plus, next to it, the JSON and the
     * two charts ({@code <base>.json}, {@code <base>-fanout.svg}, {@code <base>-idle.svg}).
     */
    public void write(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String file = out.getFileName().toString();
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        Files.writeString(dir.resolve(base + ".json"), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(base + "-fanout.svg"), fanoutChart(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(base + "-idle.svg"), idleChart(), StandardCharsets.UTF_8);
        if (file.endsWith(".md")) {
            Files.writeString(
                    out,
                    new MarkdownReport(this, command, machine, when, notes).render(base),
                    StandardCharsets.UTF_8);
        }
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String mibNumber(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** "12.3 MiB", or "-" when unknown. */
    public static String mib(long bytes) {
        return bytes < 0 ? "-" : mibNumber(bytes) + " MiB";
    }
}
