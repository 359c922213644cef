package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.NodeTutorialClient;
import dev.parley.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial client, run by the real Themis (WasmThemis under Node), against the server. */
@Timeout(60)
class TutorialClientTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                NodeTutorialClient.wasmPeerDir() != null,
                "WasmThemis not installed (npm ci in testing/wasm-peer)");
        server = RunningServer.start(dir, null, b -> b); // defaults: tofu, embedded storage
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoTutorialClientsAndAJavaClientChat() throws Exception {
        try (NodeTutorialClient alice =
                        server.track(
                                NodeTutorialClient.start(
                                        server.port(), "alice", server.key().toBase64()));
                NodeTutorialClient bob =
                        server.track(
                                NodeTutorialClient.start(
                                        server.port(), "bob", server.key().toBase64()))) {
            assertThat(alice.await(r -> r.contains("\"established\":true"), WAIT)).isNotNull();
            assertThat(bob.await(r -> r.contains("\"established\":true"), WAIT)).isNotNull();
            ChatClient java = server.v1("javan");
            assertThat(alice.awaitLine("* javan joined main", WAIT)).isTrue();

            alice.send("hello from the tutorial");
            assertThat(bob.awaitLine("<alice> hello from the tutorial", WAIT)).isTrue();
            assertThat(alice.awaitLine("<alice> hello from the tutorial", WAIT)).isTrue();
            assertThat(java.awaitLine("<alice> hello from the tutorial")).isNotNull();

            java.say("hi tutorial");
            assertThat(alice.awaitLine("<javan> hi tutorial", WAIT)).isTrue();
            assertThat(bob.awaitLine("<javan> hi tutorial", WAIT)).isTrue();

            bob.send("/msg alice psst");
            assertThat(alice.awaitLine("[dm] <bob> psst", WAIT)).isTrue();
            bob.send("/who");
            assertThat(bob.awaitLine("* main: alice, bob, javan", WAIT)).isTrue();
            bob.send("/join side");
            assertThat(bob.awaitLine("* bob joined side", WAIT)).isTrue();
            bob.send("/history 5");
            assertThat(bob.awaitLine("* history of side: 0 messages", WAIT)).isTrue();

            bob.send("/quit");
            assertThat(alice.awaitLine("* bob left main", WAIT)).isTrue();
        }
    }
}
