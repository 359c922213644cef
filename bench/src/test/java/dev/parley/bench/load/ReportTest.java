package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {
    private static final Machine MACHINE =
            new Machine(2, "Test CPU", 24L << 30, "OpenJDK 17", "Linux", 20000, "0.10 0.20 0.30");

    static StepResult fanout(String target, double rate, long deliveries, double p99) {
        return new StepResult(
                "fanout",
                target,
                100,
                rate,
                5.0,
                -1,
                (long) (rate * 5),
                deliveries,
                (long) (rate * 5) * 100,
                p99 / 4,
                p99,
                p99 * 2,
                p99 * 3,
                0,
                Map.of(),
                150.0,
                300L << 20,
                -1,
                90.0);
    }

    static StepResult idle(String target, int sessions, long heap) {
        return new StepResult(
                "idle",
                target,
                sessions,
                Double.NaN,
                3.0,
                sessions,
                -1,
                -1,
                -1,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                Map.of(),
                5.0,
                400L << 20,
                heap,
                50.0);
    }

    private static Report sample() {
        Report r = new Report("./parley bench all", MACHINE, Instant.parse("2026-11-27T08:00:00Z"));
        r.add(
                new StepResult(
                        "handshake",
                        "parley-v2",
                        2000,
                        Double.NaN,
                        1.0,
                        1600,
                        -1,
                        -1,
                        -1,
                        12,
                        40,
                        60,
                        80,
                        2,
                        Map.of("connect", 2L),
                        190,
                        200L << 20,
                        -1,
                        120));
        r.add(
                List.of(
                        fanout("parley-v2", 100, 50_000, 3),
                        fanout("parley-v2", 200, 100_000, 5),
                        fanout("parley-v2", 400, 150_000, 900),
                        fanout("parley-v2", 100, 50_000, 2.5)));
        r.add(List.of(fanout("reference", 25, 12_500, 10), fanout("reference", 50, 10_000, 2000)));
        r.add(
                List.of(
                        fanout("plaintext", 400, 200_000, 1),
                        fanout("plaintext", 800, 300_000, 900)));
        r.add(
                List.of(
                        idle("parley-v2", 0, 10L << 20),
                        idle("parley-v2", 10_000, (10L << 20) + 10_000 * 4096L)));
        r.note("cluster: not run \"quoted\"\nsecond line");
        return r;
    }

    @Test
    void sustainedNeedsNinetyFivePercentAtTheOfferedRateAndNoErrors() {
        assertThat(fanout("x", 100, 47_500, 1).sustained()).isTrue();
        assertThat(fanout("x", 100, 47_499, 1).sustained()).isFalse();
        StepResult withError =
                new StepResult(
                        "fanout",
                        "x",
                        100,
                        100,
                        5,
                        -1,
                        500,
                        50_000,
                        50_000,
                        1,
                        1,
                        1,
                        1,
                        1,
                        Map.of("closed", 1L),
                        1,
                        1,
                        -1,
                        1);
        assertThat(withError.sustained()).isFalse();
        // everything arrived, but only after draining a backlog for twice the step: 5,000/s of
        // 10,000/s offered
        StepResult backlog =
                new StepResult(
                        "fanout", "x", 100, 100, 10, -1, 500, 50_000, 50_000, 1, 1, 1, 1, 0,
                        Map.of(), 1, 1, -1, 1);
        assertThat(backlog.sustained()).isFalse();
    }

    @Test
    void heapPerSessionIsTheSlopeBetweenFirstAndLastCheckpoint() {
        assertThat(sample().heapPerSession("parley-v2")).isEqualTo(4096.0);
        assertThat(sample().heapPerSession("reference")).isNaN();
    }

    @Test
    void tableHasAHeaderAndOneRowPerStep() {
        String[] lines = sample().table().split("\n");
        assertThat(lines).hasSize(1 + 11);
        assertThat(lines[0]).contains("deliv/s", "p99ms", "p999ms", "cpu%", "heapMiB");
        assertThat(lines[1])
                .contains(
                        "handshake", "parley-v2", "1600", "12.00", "40.00", "60.00", "190", "120");
    }

    @Test
    void jsonCarriesEveryStepMachineAndEscapedNotes() {
        String json = sample().json();
        assertThat(json)
                .contains(
                        "\"nproc\":2",
                        "\"cpuModel\":\"Test CPU\"",
                        "\"handshakesPerSecond\":1600",
                        "\"errorsByReason\":{\"connect\":2}",
                        "\"offeredRate\":null",
                        "\"sustained\":true",
                        "\"generatorCpuPercent\":120",
                        "\"cluster: not run \\\"quoted\\\"\\nsecond line\"");
        assertThat(json.chars().filter(c -> c == '{').count())
                .isEqualTo(json.chars().filter(c -> c == '}').count());
        assertThat(json.split("\"scenario\"", -1)).hasSize(12);
    }

    @Test
    void chartsAreWellFormedSvgWithOneSeriesPerTargetAndMeasure() throws Exception {
        Report r = sample();
        Document fan = parse(r.fanoutChart());
        assertThat(fan.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(fan.getElementsByTagName("polyline").getLength())
                .isEqualTo(6); // 3 targets × p50/p99
        assertThat(r.fanoutChart()).contains("parley-v2 p99", "reference p50", "plaintext p99");
        Document idle = parse(r.idleChart());
        assertThat(idle.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(r.idleChart()).contains("parley-v2 heap", "parley-v2 RSS");
    }

    @Test
    void chartLeavesOutUndefinedPointsAndEscapesNames() throws Exception {
        String svg =
                new SvgChart("a < b", "x", "y")
                        .series(
                                "p&q",
                                List.of(
                                        new SvgChart.Point(1, Double.NaN),
                                        new SvgChart.Point(2, 3),
                                        new SvgChart.Point(Double.POSITIVE_INFINITY, 1)))
                        .render();
        Document d = parse(svg);
        assertThat(d.getElementsByTagName("circle").getLength()).isEqualTo(1);
        assertThat(svg).contains("a &lt; b", "p&amp;q");
    }

    @Test
    void logAxesSpanWholeDecadesAndDropNonPositivePoints() throws Exception {
        String svg =
                new SvgChart("t", "x", "y")
                        .logScale(true, true)
                        .series(
                                "s",
                                List.of(
                                        new SvgChart.Point(3, 0.5),
                                        new SvgChart.Point(0, 1),
                                        new SvgChart.Point(2000, 40)))
                        .render();
        assertThat(parse(svg).getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(svg)
                .contains(">1<", ">10<", ">100<", ">1.0k<", ">10k<", ">0.10<", "(log scale)");
    }

    @Test
    void axesEndOnRoundNumbers() {
        assertThat(SvgChart.niceCeil(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeil(7)).isEqualTo(10);
        assertThat(SvgChart.niceCeil(180)).isEqualTo(200);
        assertThat(SvgChart.niceCeil(2100)).isEqualTo(2500);
        assertThat(SvgChart.niceCeil(0.03)).isEqualTo(0.05);
    }

    @Test
    void markdownSummarisesAgainstBothBaselines(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("docs").resolve("benchmarks.md");
        sample().write(md);
        String text = Files.readString(md);
        assertThat(text)
                .contains(
                        "# Parley benchmarks",
                        "./parley bench all",
                        "2 CPUs (`nproc`), Test CPU",
                        "OpenJDK 17",
                        "started: 0.10 0.20 0.30",
                        "![fan-out latency against load](benchmarks-fanout.svg)",
                        "4.00 KiB");
        // parley best sustained 20,000/s (the 400 msg/s step failed); p99 at half (100 msg/s) is
        // the last such step: 2.5
        assertThat(text).contains("| parley-v2 | 1600 | 20000 | 2.50 | 10000 | 4.00 KiB |");
        assertThat(text)
                .contains("parley-v2 fan-out: 8.0× reference", "parley-v2 fan-out: 0.5× plaintext");
        assertThat(text)
                .contains(
                        "- handshakes ≥ 1,500/s: 1600/s (met)",
                        "- fan-out ≥ 20× the reference: 8.0× (missed)",
                        "- fan-out ≥ 50 % of the plaintext ceiling: 50 % (met)",
                        "- p99 < 20 ms at half the maximum sustained rate: 2.50 ms (met)",
                        "- idle: 50,000 sessions: 10000 measured (missed)",
                        "- idle: ≤ 8 KiB heap per session: 4.00 KiB (met)");
        assertThat(dir.resolve("docs/benchmarks.json")).exists();
        assertThat(dir.resolve("docs/benchmarks-fanout.svg")).exists();
        assertThat(dir.resolve("docs/benchmarks-idle.svg")).exists();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
