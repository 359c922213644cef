package dev.parley.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.StoredMessage;
import dev.parley.server.testing.ChatClient;
import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, part 3: the data disk fills up. Two ways to make it full without special hardware: a
 * small tmpfs mounted over the data directory (needs mount permission: root with CAP_SYS_ADMIN;
 * skipped otherwise, with the reason), and RLIMIT_FSIZE ({@code ulimit -f}) on the server process,
 * which works for any user on Linux (the JVM ignores SIGXFSZ, so a write past the limit fails with
 * EFBIG instead of killing the process).
 *
 * <p>Both prove: a message that cannot be stored gets a clear error line and is not delivered, a
 * registration that cannot be stored is refused with 1011, the process stays up, every record in
 * the store passes its integrity check and the stored messages are exactly the echoed ones, and
 * once there is space again (tmpfs grown live; ulimit: restart without it) writes succeed.
 */
@Timeout(180)
class DiskFullTest {
    static final String NOT_STORED = "! message not stored, try again";
    static final String BODY = " " + "d".repeat(3000);

    @TempDir Path dir;
    private final KeyPair fillerKeys = KeyPair.generate();

    @Test
    void fullTmpfsGivesClearErrorsKeepsTheStoreIntactAndRecoversLiveWhenSpaceReturns()
            throws Exception {
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        String mounted = run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt.toString());
        Assumptions.assumeTrue(
                mounted.isEmpty(), "cannot mount a tmpfs here (needs CAP_SYS_ADMIN): " + mounted);
        try {
            Path data = mnt.resolve("data");
            List<Long> stored = new ArrayList<>();
            int newcomer;
            try (ServerProcess server = start(data, null)) {
                fillUntilFull(server, stored);
                newcomer = registers(server, "newcomer");
                assertThat(newcomer).as("registration while full").isIn(0, 1011);
                System.out.printf("[disk-full] registration while full: %d%n", newcomer);
                // space returns: the tmpfs grows, no restart
                assertThat(run("mount", "-o", "remount,size=64m", mnt.toString())).isEmpty();
                writeAfterRecovery(server, stored);
                assertThat(registers(server, "latecomer")).isZero();
                assertThat(server.stop(20)).isIn(0, 143);
            }
            assertStoreHolds(data, stored);
            assertBindings(data, newcomer);
            assertLogSays("SQLITE_FULL");
        } finally {
            run("umount", "-l", mnt.toString());
        }
    }

    @Test
    void fileSizeLimitGivesClearErrorsKeepsTheStoreIntactAndRecoversAfterRestart()
            throws Exception {
        Path data = dir.resolve("data");
        List<Long> stored = new ArrayList<>();
        // bash's ulimit -f counts 1024-byte blocks; the limit applies to every file the server
        // writes
        try (ServerProcess server = start(data, "ulimit -f 3072;")) {
            fillUntilFull(server, stored);
            int newcomer = registers(server, "newcomer");
            System.out.printf("[disk-full] registration while full: %d%n", newcomer);
            assertThat(newcomer).as("registration while full").isIn(0, 1011);
            assertThat(server.stop(20)).isIn(0, 143);
            assertStoreHolds(data, stored);
            assertBindings(data, newcomer);
        }
        // EFBIG is a short write to SQLite
        assertLogSays("SQLITE_IOERR_WRITE");
        try (ServerProcess server = start(data, null)) {
            writeAfterRecovery(server, stored);
            assertThat(registers(server, "latecomer")).isZero();
            assertThat(server.stop(20)).isIn(0, 143);
        }
        assertStoreHolds(data, stored);
    }

    private ServerProcess start(Path data, String limit) throws Exception {
        return ServerProcess.start(
                List.of("-Xmx128m"),
                List.of("--data", data.toString(), "--rate", "5000", "--burst", "5000"),
                limit == null ? null : limit,
                dir.resolve("server.log"));
    }

    /**
     * Sends long messages until the store refuses them; every echoed one is recorded in {@code
     * stored}.
     */
    private void fillUntilFull(ServerProcess server, List<Long> stored) {
        try (ChatClient c =
                ChatClient.connect(
                        server.port(),
                        ChatClient.Protocol.V1,
                        "filler",
                        fillerKeys,
                        server.key())) {
            c.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT);
            long seq = stored.isEmpty() ? 0 : stored.get(stored.size() - 1);
            // long messages until refused, then short ones, so no page is left
            for (String body : List.of(BODY, " s")) {
                int refused = 0;
                for (int i = 0; i < 20_000 && refused < 3; i++) {
                    c.say(++seq + body);
                    String line =
                            c.awaitLine(
                                    l -> l.startsWith("<filler> ") || l.startsWith("! "),
                                    ChatClient.WAIT);
                    assertThat(line).as("an answer to every message, disk full or not").isNotNull();
                    if (line.startsWith("! ")) {
                        assertThat(line).isEqualTo(NOT_STORED);
                        refused++;
                    } else {
                        assertThat(line).isEqualTo("<filler> " + seq + body);
                        stored.add(seq);
                    }
                }
                assertThat(refused).as("the disk filled up").isEqualTo(3);
            }
            System.out.printf(
                    "[disk-full] %d messages stored before the disk was full%n", stored.size());
        }
    }

    private void writeAfterRecovery(ServerProcess server, List<Long> stored) {
        try (ChatClient c =
                ChatClient.connect(
                        server.port(),
                        ChatClient.Protocol.V1,
                        "filler",
                        fillerKeys,
                        server.key())) {
            long seq = stored.get(stored.size() - 1) + 100; // the refused ones are skipped
            for (int i = 0; i < 5; i++) {
                String expected = "<filler> " + ++seq + BODY;
                c.say(seq + BODY);
                // skips the history replayed on join
                String line =
                        c.awaitLine(l -> l.equals(expected) || l.startsWith("! "), ChatClient.WAIT);
                assertThat(line)
                        .as("message %d after recovery", seq)
                        .isNotNull()
                        .doesNotStartWith("! ");
                stored.add(seq);
            }
        } catch (IllegalStateException e) {
            throw new AssertionError("cannot reconnect after the disk was full", e);
        }
    }

    /** 0 if {@code name} registers and is welcomed, else the close code it got. */
    private static int registers(ServerProcess server, String name) {
        ChatClient c =
                ChatClient.open(
                        server.port(),
                        ChatClient.Protocol.V1,
                        name,
                        name,
                        KeyPair.generate(),
                        server.key());
        try {
            c.handshake();
            return c.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT) != null ? 0 : -1;
        } catch (IllegalStateException e) {
            ChatClient.Incoming close = c.awaitClose(Duration.ofSeconds(5));
            return close == null ? -1 : close.closeCode();
        } finally {
            c.close();
        }
    }

    /** Every record readable, ids increasing, the filler's messages exactly the echoed ones. */
    private static void assertStoreHolds(Path data, List<Long> stored) throws Exception {
        List<StoredMessage> history = StoreCheck.history(data, "main");
        List<Long> seqs = new ArrayList<>();
        long prev = 0;
        for (StoredMessage m : history) {
            assertThat(m.id()).isGreaterThan(prev);
            prev = m.id();
            if (m.sender().equals("filler")) {
                seqs.add(Long.parseLong(m.text().substring(0, m.text().indexOf(' '))));
            }
        }
        assertThat(seqs).isEqualTo(stored);
    }

    /** The operator sees why in the server log: the SQLite result code next to the failure. */
    private void assertLogSays(String code) throws IOException {
        List<String> warnings =
                Files.readAllLines(dir.resolve("server.log")).stream()
                        .filter(l -> l.contains("history append failed"))
                        .distinct()
                        .limit(1)
                        .toList();
        System.out.println("[disk-full] server log: " + warnings);
        assertThat(warnings).singleElement().asString().endsWith("(" + code + ")");
    }

    /**
     * A refused registration left no binding, an accepted one a complete one; later ones are there.
     */
    private static void assertBindings(Path data, int newcomer) throws Exception {
        java.util.Map<String, byte[]> bound =
                StoreCheck.bindings(data, List.of("newcomer", "latecomer", "filler"));
        assertThat(bound).containsKey("filler");
        assertThat(bound.containsKey("newcomer")).isEqualTo(newcomer == 0);
    }

    /** Runs a command; "" if it exited 0, else its output and exit code. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out: " + String.join(" ", command);
        }
        return p.exitValue() == 0 ? "" : out.trim() + " (exit " + p.exitValue() + ")";
    }
}
