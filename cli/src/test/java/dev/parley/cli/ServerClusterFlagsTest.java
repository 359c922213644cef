package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley server --redis}: refuses to start without the shared cluster key. */
@Timeout(60)
class ServerClusterFlagsTest {
    @TempDir Path dir;

    @Test
    void redisWithoutClusterKeyFileIsRefused() {
        CliRun run =
                CliRun.run(
                        new byte[0],
                        Map.of("PARLEY_DATA", dir.toString()),
                        "server",
                        "--port",
                        "0",
                        "--redis",
                        "redis://127.0.0.1:1");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).contains("cluster key file");
    }

    @Test
    void redisWithAMissingClusterKeyFileIsRefused() {
        CliRun run =
                CliRun.run(
                        new byte[0],
                        Map.of("PARLEY_DATA", dir.toString()),
                        "server",
                        "--port",
                        "0",
                        "--redis",
                        "redis://127.0.0.1:1",
                        "--cluster-key-file",
                        dir.resolve("nope.key").toString());
        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).contains("cluster key file not found");
    }

    @Test
    void clusterFlagsComeFromTheEnvironmentToo() {
        CliRun run =
                CliRun.run(
                        new byte[0],
                        Map.of(
                                "PARLEY_DATA",
                                dir.toString(),
                                "PARLEY_REDIS",
                                "redis://127.0.0.1:1"),
                        "server",
                        "--port",
                        "0");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).contains("cluster key file");
    }
}
