package dev.parley.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyConnection;
import dev.parley.client.ParleyListener;
import dev.parley.protocol.ServerEvent;
import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley chat} in a real terminal: a separate JVM inside a detached tmux session on a
 * private tmux socket, typed at with {@code send-keys} and read with {@code capture-pane}.
 */
@Timeout(120)
class TerminalChatTest {
    private static final long WAIT_MS = 20_000;
    @TempDir Path dir;
    private final String socket =
            "parley-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private TestServer server;
    private ParleyConnection bob;
    private final BlockingQueue<ServerEvent.Message> bobGot = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(
                tmuxAvailable(), "tmux is not installed (scripts/install-test-deps installs it)");
        server = TestServer.start(dir.resolve("server"), 0);
        bob =
                ParleyClient.builder()
                        .server(server.uri())
                        .name("bob")
                        .identity(KeyPair.generate())
                        .serverKey(server.server.publicKey())
                        .listener(
                                new ParleyListener() {
                                    @Override
                                    public void onMessage(ServerEvent.Message m) {
                                        bobGot.add(m);
                                    }
                                })
                        .connect()
                        .get(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        if (bob != null) {
            bob.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void typedLineSurvivesIncomingMessagesAndPromptShowsTheRoom() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String command =
                String.join(
                        " ",
                        List.of(
                                "env",
                                "-u",
                                "PARLEY_PASSPHRASE",
                                "TERM=xterm-256color",
                                quote(java),
                                "-cp",
                                quote(System.getProperty("java.class.path")),
                                "dev.parley.cli.ParleyCommand",
                                "chat",
                                "--server",
                                server.uri().toString(),
                                "--name",
                                "alice",
                                "--home",
                                quote(dir.resolve("home").toString())));
        tmux("new-session", "-d", "-x", "120", "-y", "30", command);

        awaitScreen(s -> s.contains("New passphrase"));
        tmux("send-keys", "-l", "s3cret pass");
        tmux("send-keys", "Enter");
        awaitScreen(s -> s.contains("Repeat passphrase"));
        assertThat(screen()).doesNotContain("s3cret");
        tmux("send-keys", "-l", "s3cret pass");
        tmux("send-keys", "Enter");
        awaitScreen(s -> lastLine(s).startsWith("[main] alice>"));

        tmux("send-keys", "-l", "half typed");
        awaitScreen(s -> lastLine(s).equals("[main] alice> half typed"));
        bob.send("main", "hello from bob").get(10, TimeUnit.SECONDS);
        String shown = awaitScreen(s -> s.contains("<bob> hello from bob"));
        assertThat(lastLine(shown)).isEqualTo("[main] alice> half typed");

        tmux("send-keys", "-l", " line");
        tmux("send-keys", "Enter");
        assertThat(awaitBob(m -> m.from().equals("alice")).text()).isEqualTo("half typed line");

        tmux("send-keys", "-l", "/join dev");
        tmux("send-keys", "Enter");
        awaitScreen(s -> lastLine(s).startsWith("[dev] alice>"));
        tmux("send-keys", "-l", "/who");
        tmux("send-keys", "Enter");
        awaitScreen(s -> s.contains("* dev: alice"));

        // the prompt shows the connection state across a server restart
        int port = server.port;
        server.close();
        awaitScreen(s -> lastLine(s).startsWith("[dev reconnecting] alice>"));
        server = TestServer.start(dir.resolve("server"), port);
        awaitScreen(s -> lastLine(s).startsWith("[dev] alice>"));

        tmux("send-keys", "-l", "/quit");
        tmux("send-keys", "Enter");
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (tmux("has-session") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(tmux("has-session")).as("the client exits on /quit").isNotZero();
    }

    @Test
    void worksOnADumbTerminal() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String command =
                String.join(
                        " ",
                        List.of(
                                "env",
                                "PARLEY_PASSPHRASE=pw",
                                "TERM=dumb",
                                quote(java),
                                "-cp",
                                quote(System.getProperty("java.class.path")),
                                "dev.parley.cli.ParleyCommand",
                                "chat",
                                "--server",
                                server.uri().toString(),
                                "--name",
                                "carol",
                                "--home",
                                quote(dir.resolve("home").toString())));
        tmux("new-session", "-d", "-x", "120", "-y", "30", command);
        awaitScreen(s -> s.contains("[main] carol>"));
        bob.send("main", "hello dumb").get(10, TimeUnit.SECONDS);
        awaitScreen(s -> s.contains("<bob> hello dumb"));
        assertThat(screen()).doesNotContain("\u001b[");
        tmux("send-keys", "-l", "plain and simple");
        tmux("send-keys", "Enter");
        assertThat(awaitBob(m -> m.from().equals("carol")).text()).isEqualTo("plain and simple");
        tmux("send-keys", "-l", "/quit");
        tmux("send-keys", "Enter");
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (tmux("has-session") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(tmux("has-session")).as("the client exits on /quit").isNotZero();
    }

    private ServerEvent.Message awaitBob(Predicate<ServerEvent.Message> p)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            ServerEvent.Message m = bobGot.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && p.test(m)) {
                return m;
            }
        }
        throw new AssertionError("bob got no matching message; screen:\n" + screen());
    }

    private String awaitScreen(Predicate<String> p) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        String s = "";
        while (System.currentTimeMillis() < deadline) {
            s = screen();
            if (p.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never matched; it shows:\n" + s);
    }

    private static String lastLine(String screen) {
        List<String> lines = new ArrayList<>(screen.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private String screen() {
        try {
            Process p =
                    new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private int tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux " + args[0] + " hung");
        }
        return p.exitValue();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean tmuxAvailable() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
