package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ServerCommandTest {
    @TempDir Path dir;

    @Test
    void startsWithFlagsAndEnvironmentAndPrintsAddressKeyAndBrowserUrl() throws Exception {
        Path data = dir.resolve("data");
        PipedOutputStream pipe = new PipedOutputStream();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(
                                new PipedInputStream(pipe, 65536), StandardCharsets.UTF_8));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Void> stop = new CompletableFuture<>();
        ServerCommand.testStopSignal = stop;
        CompletableFuture<Integer> status =
                CompletableFuture.supplyAsync(
                        () ->
                                ParleyCommand.run(
                                        new String[] {"server", "--port", "0"},
                                        new ByteArrayInputStream(new byte[0]),
                                        new PrintStream(pipe, true, StandardCharsets.UTF_8),
                                        new PrintStream(err, true, StandardCharsets.UTF_8),
                                        Map.of(
                                                        "PARLEY_DATA",
                                                        data.toString(),
                                                        "PARLEY_IDENTITY",
                                                        "open")
                                                ::get));
        try {
            String listening = out.readLine();
            String key = out.readLine();
            String browser = out.readLine();
            Matcher m =
                    Pattern.compile(
                                    "parley server listening on ws://127\\.0\\.0\\.1:(\\d+)/ \\(identity open, data .*\\)")
                            .matcher(listening);
            assertThat(m.matches()).as(listening).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(key)
                    .isEqualTo(
                            "public key: "
                                    + Files.readString(data.resolve("server.pub")).strip()
                                    + " (fingerprint "
                                    + dev.parley.themis.PublicKey.fromBytes(
                                                    java.util.Base64.getDecoder()
                                                            .decode(
                                                                    Files.readString(
                                                                                    data.resolve(
                                                                                            "server.pub"))
                                                                            .strip()))
                                            .fingerprint()
                                    + ")");
            assertThat(browser).startsWith("browser client: http://127.0.0.1:" + port + "/");
            HttpResponse<String> health =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/healthz"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).isEqualTo("ok\n");
        } finally {
            stop.complete(null);
            ServerCommand.testStopSignal = null;
        }
        assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void badPolicyIsAUsageError() {
        CliRun run = CliRun.run(new byte[0], "server", "--identity", "maybe");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr).contains("expected tofu, open or closed");
    }

    @Test
    void closedPolicyWithoutAuthorizedKeysFails() {
        CliRun run =
                CliRun.run(
                        new byte[0],
                        Map.of("PARLEY_DATA", dir.toString()),
                        "server",
                        "--port",
                        "0",
                        "--identity",
                        "closed");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.stderr).contains("authorized-keys");
    }

    @Test
    void environmentVariableNamesFollowTheFlags() {
        assertThat(EnvDefaults.variableFor("--max-per-ip")).isEqualTo("PARLEY_MAX_PER_IP");
        assertThat(EnvDefaults.variableFor("--port")).isEqualTo("PARLEY_PORT");
    }
}
