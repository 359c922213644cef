package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley server} as a real process: SIGTERM closes clients with 1001 and exits. */
@Timeout(90)
class ServerProcessTest {
    @TempDir Path dir;

    @Test
    void sigtermSendsGoingAwayAndExits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "dev.parley.cli.ParleyCommand",
                                "server",
                                "--port",
                                "0",
                                "--data",
                                dir.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            Matcher m =
                    Pattern.compile("parley server listening on ws://127\\.0\\.0\\.1:(\\d+)/ .*")
                            .matcher(String.valueOf(first));
            assertThat(m.matches()).as(first).isTrue();
            CompletableFuture<String> closed = new CompletableFuture<>();
            HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://127.0.0.1:" + m.group(1) + "/"),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onClose(
                                        WebSocket ws, int code, String reason) {
                                    closed.complete(code + " " + reason);
                                    return null;
                                }
                            })
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(200); // let the server register the socket
            p.destroy(); // SIGTERM
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo("1001 server shutting down");
            assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
        } finally {
            p.destroyForcibly();
        }
    }
}
