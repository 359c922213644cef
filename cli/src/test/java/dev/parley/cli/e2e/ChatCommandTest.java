package dev.parley.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.cli.ParleyCommand;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyConnection;
import dev.parley.client.ParleyListener;
import dev.parley.protocol.ServerEvent;
import dev.parley.themis.KeyPair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley chat} and {@code parley history} driven with piped standard input against a real
 * server.
 */
@Timeout(90)
class ChatCommandTest {
    @TempDir Path dir;
    private TestServer server;
    private ParleyConnection bob;
    private final BlockingQueue<Object> bobEvents = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
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
                                        bobEvents.add(m);
                                    }

                                    @Override
                                    public void onDirectMessage(ServerEvent.DirectMessage m) {
                                        bobEvents.add(m);
                                    }

                                    @Override
                                    public void onJoined(String room, String name) {
                                        bobEvents.add("joined " + room + " " + name);
                                    }
                                })
                        .connect()
                        .get(20, TimeUnit.SECONDS);
        bob.join("dev").get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        bob.close();
        server.close();
    }

    private record Run(int status, String out, String err) {}

    private Map<String, String> env(String passphrase) {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_HOME", dir.resolve("home").toString());
        env.put("PARLEY_PASSPHRASE", passphrase);
        return env;
    }

    private Run run(InputStream stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                ParleyCommand.run(
                        args,
                        stdin,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env::get);
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run chat(String stdin, String passphrase, String... extra) {
        String[] args =
                Stream.concat(
                                Stream.of(
                                        "chat",
                                        "--server",
                                        server.uri().toString(),
                                        "--name",
                                        "alice"),
                                Stream.of(extra))
                        .toArray(String[]::new);
        return run(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                env(passphrase),
                args);
    }

    @SuppressWarnings("unchecked")
    private <T> T awaitBob(Class<T> type, java.util.function.Predicate<T> p)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Object e = bobEvents.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e) && p.test((T) e)) {
                return (T) e;
            }
        }
        throw new AssertionError("bob saw no matching " + type.getSimpleName());
    }

    @Test
    void pipedLinesAreSentInOrderThenHistoryShowsThemFromTheEncryptedStore() throws Exception {
        Run r =
                chat(
                        "hello everyone\n/join dev\nin dev now\n/who\n/msg bob just for you\n/rooms\n",
                        "pw1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(awaitBob(ServerEvent.Message.class, m -> m.room().equals("main")).text())
                .isEqualTo("hello everyone");
        assertThat(awaitBob(ServerEvent.Message.class, m -> m.room().equals("dev")).text())
                .isEqualTo("in dev now");
        assertThat(awaitBob(ServerEvent.DirectMessage.class, m -> true).text())
                .isEqualTo("just for you");
        assertThat(r.out())
                .contains(
                        "[main] <alice> hello everyone",
                        "[dev] <alice> in dev now",
                        "dev: ",
                        "[alice -> bob] just for you");
        assertThat(r.err()).contains("created a new identity");

        Run h = run(new ByteArrayInputStream(new byte[0]), env("pw1"), "history");
        assertThat(h.status()).as(h.err()).isZero();
        assertThat(h.out())
                .contains(
                        "== 127.0.0.1:" + server.port + " main ==",
                        "<alice> hello everyone",
                        "== 127.0.0.1:" + server.port + " dev ==",
                        "<alice> in dev now",
                        "[alice -> bob] just for you");

        // nothing readable on disk: no text, no names, no room names
        try (Stream<Path> files = Files.walk(dir.resolve("home"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(f.getFileName().toString())
                        .doesNotContain("dev", "main", "alice", "bob");
                assertThat(content)
                        .doesNotContain("hello everyone", "in dev now", "just for you", "alice");
            }
        }
    }

    @Test
    void historyFileCutMidRecordKeepsEarlierLinesAndTakesNewOnes() throws Exception {
        assertThat(chat("one\ntwo\nthree\n", "pw").status()).isZero();
        Path log;
        try (Stream<Path> files = Files.list(dir.resolve("home/history"))) {
            log =
                    files.filter(
                                    f -> {
                                        try {
                                            return Files.size(f) > 0;
                                        } catch (IOException e) {
                                            return false;
                                        }
                                    })
                            .findFirst()
                            .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(log);
        Files.write(
                log,
                java.util.Arrays.copyOf(
                        bytes, bytes.length - 10)); // a crash in the middle of "three"

        Run h = run(new ByteArrayInputStream(new byte[0]), env("pw"), "history");
        assertThat(h.status()).isZero();
        assertThat(h.out()).contains("<alice> one", "<alice> two").doesNotContain("three");
        assertThat(h.err()).contains("cut short");

        assertThat(chat("four\n", "pw").status()).isZero();
        Run after =
                run(new ByteArrayInputStream(new byte[0]), env("pw"), "history", "--room", "main");
        assertThat(after.err()).doesNotContain("cut short");
        List<String> lines =
                after.out()
                        .lines()
                        .filter(l -> l.contains("<alice>"))
                        .map(l -> l.substring(l.indexOf('<')))
                        .toList();
        // "three" comes back from the server's replay on join; nothing is lost or doubled
        assertThat(lines)
                .containsExactly("<alice> one", "<alice> two", "<alice> three", "<alice> four");
    }

    @Test
    void wrongPassphraseGivesOneClearErrorAndTouchesNothing() throws Exception {
        assertThat(chat("first\n", "right").status()).isZero();
        Map<Path, byte[]> before = snapshot(dir.resolve("home"));
        Run r = chat("second\n", "wrong");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("wrong passphrase");
        Map<Path, byte[]> after = snapshot(dir.resolve("home"));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((p, b) -> assertThat(after.get(p)).as(p.toString()).isEqualTo(b));
        Run h = run(new ByteArrayInputStream(new byte[0]), env("wrong"), "history");
        assertThat(h.status()).isEqualTo(1);
        assertThat(h.err()).contains("wrong passphrase");
    }

    @Test
    void serverKeyIsPinnedOnFirstUseAndAnotherKeyIsRefusedLoudly() throws Exception {
        assertThat(chat("hi\n", "pw").status()).isZero();
        String known = Files.readString(dir.resolve("home/known_servers"));
        assertThat(known)
                .isEqualTo(
                        "127.0.0.1:"
                                + server.port
                                + " "
                                + server.server.publicKey().toBase64()
                                + "\n");

        String otherKey = KeyPair.generate().publicKey().toBase64();
        Run r = chat("never sent\n", "pw", "--server-key", otherKey);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("HAS CHANGED", "Refusing to connect");
    }

    @Test
    void pipedChatShowsWhatOthersSayUntilEndOfInput() throws Exception {
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, String> env = env("pw");
        CompletableFuture<Integer> status =
                CompletableFuture.supplyAsync(
                        () ->
                                ParleyCommand.run(
                                        new String[] {
                                            "chat",
                                            "--server",
                                            server.uri().toString(),
                                            "--name",
                                            "alice",
                                            "--room",
                                            "dev"
                                        },
                                        stdin,
                                        outStream,
                                        new PrintStream(
                                                new ByteArrayOutputStream(),
                                                true,
                                                StandardCharsets.UTF_8),
                                        env::get));
        awaitBob(String.class, s -> s.equals("joined dev alice"));
        bob.send("dev", "hi alice").get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!out.toString(StandardCharsets.UTF_8).contains("[dev] <bob> hi alice")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[dev] <bob> hi alice");
        typing.write("hi bob\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(awaitBob(ServerEvent.Message.class, m -> m.from().equals("alice")).text())
                .isEqualTo("hi bob");
    }

    @Test
    void aLongScriptStaysUnderTheServersDefaultRateLimit() throws Exception {
        server.close();
        bob.close();
        server = TestServer.startWithDefaultLimits(dir.resolve("server2"));
        bob =
                ParleyClient.builder()
                        .server(server.uri())
                        .name("bob")
                        .identity(KeyPair.generate())
                        .serverKey(server.server.publicKey())
                        .connect()
                        .get(20, TimeUnit.SECONDS);
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 45; i++) {
            script.append("line ").append(i).append('\n');
        }
        Run r = chat(script.toString(), "pw");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("! ");
        var page =
                bob.history("main", java.util.OptionalLong.empty(), 100).get(10, TimeUnit.SECONDS);
        assertThat(page.messages())
                .extracting(ServerEvent.Message::text)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 45)
                                .mapToObj(i -> "line " + i)
                                .toList());
    }

    private static Map<Path, byte[]> snapshot(Path root) throws IOException {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                m.put(f, Files.readAllBytes(f));
            }
        }
        return m;
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
