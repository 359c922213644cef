package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.plain.PlaintextBroadcastServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchCommandTest {
    @TempDir Path dir;

    @Test
    void listsEveryScenario() {
        CliRun r = CliRun.run(new byte[0], "bench", "--help");
        assertThat(r.status).isZero();
        assertThat(r.out()).contains("handshake", "fanout", "idle", "cluster", "all");
    }

    @Test
    void drivesAnExternalServerAndWritesTheReport() throws Exception {
        try (PlaintextBroadcastServer server = new PlaintextBroadcastServer()) {
            int port = server.start(0).get(20, TimeUnit.SECONDS);
            Path out = dir.resolve("report.json");
            CliRun r =
                    CliRun.run(
                            new byte[0],
                            "bench",
                            "handshake",
                            "--url",
                            "ws://127.0.0.1:" + port + "/",
                            "--dialect",
                            "plain",
                            "--clients",
                            "3",
                            "--work-dir",
                            dir.resolve("work").toString(),
                            "--out",
                            out.toString());
            assertThat(r.status).as(r.stderr).isZero();
            assertThat(r.out()).contains("handshake", "external");
            assertThat(r.stderr).contains("[handshake external] done: 3/3");
            assertThat(Files.readString(out))
                    .contains(
                            "\"scenario\":\"handshake\"",
                            "\"handshakes\":3",
                            "\"command\":\"./parley bench handshake --url");
            assertThat(dir.resolve("report-fanout.svg")).exists();
        }
    }

    @Test
    void unknownTargetIsAUsageFailure() {
        CliRun r =
                CliRun.run(
                        new byte[0],
                        "bench",
                        "fanout",
                        "--target",
                        "nope",
                        "--work-dir",
                        dir.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.stderr).contains("unknown target nope");
    }
}
