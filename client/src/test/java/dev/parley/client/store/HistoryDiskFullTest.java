package dev.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, part 3, the client's history file on a full disk: an append that does not fit fails with
 * an IOException (no other exception, no partial entry visible), every entry appended before is
 * intact on reopen, and appending works again once there is space. Two ways to fill the disk: a
 * small tmpfs (needs mount permission; skipped otherwise, with the reason) and RLIMIT_FSIZE on a
 * child JVM (any user on Linux; the JVM ignores SIGXFSZ, so the write fails with EFBIG).
 */
@Timeout(120)
class HistoryDiskFullTest {
    static final String SERVER = "chat.example:8080";
    static final String ROOM = "main";
    static final String PASSPHRASE = "disk full";
    private static final String TEXT = "t".repeat(3000);

    @TempDir Path dir;

    static HistoryEntry entry(long id) {
        return new HistoryEntry(
                HistoryEntry.Kind.ROOM,
                id,
                1_700_000_000_000L + id,
                "alice",
                ROOM,
                id + " " + TEXT);
    }

    @Test
    void fullTmpfsFailsTheAppendKeepsEveryEntryAndRecoversWhenSpaceReturns() throws Exception {
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        String mounted = run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mnt.toString());
        Assumptions.assumeTrue(
                mounted.isEmpty(), "cannot mount a tmpfs here (needs CAP_SYS_ADMIN): " + mounted);
        try {
            Path home = mnt.resolve("home");
            LocalStore store = LocalStore.create(home, PASSPHRASE, KeyPair.generate());
            ConversationLog log = store.conversation(SERVER, ROOM);
            long id = 1;
            IOException full = null;
            for (int i = 0; i < 10_000 && full == null; i++) {
                try {
                    log.append(entry(id));
                    id++;
                } catch (IOException e) {
                    full = e;
                }
            }
            assertThat(full).as("the disk filled up").isNotNull();
            assertThat(full.getMessage()).contains("No space left on device");
            long stored = id - 1;
            assertThat(log.entries()).hasSize((int) stored);
            ConversationLog same = log;
            assertThatThrownBy(() -> same.append(entry(stored + 1)))
                    .isInstanceOf(IOException.class);
            assertThat(log.entries()).as("a failed append adds nothing").hasSize((int) stored);

            assertEntries(LocalStore.open(home, PASSPHRASE).conversation(SERVER, ROOM), stored);
            assertThat(run("mount", "-o", "remount,size=4m", mnt.toString())).isEmpty();
            log.append(entry(stored + 1)); // the same instance recovers: the torn tail is cut first
            ConversationLog reopened = LocalStore.open(home, PASSPHRASE).conversation(SERVER, ROOM);
            assertEntries(reopened, stored + 1);
            assertThat(reopened.hadTornTail()).isFalse();
        } finally {
            run("umount", "-l", mnt.toString());
        }
    }

    @Test
    void fileSizeLimitFailsTheAppendKeepsEveryEntryAndRecoversAfterwards() throws Exception {
        Path home = dir.resolve("home");
        LocalStore.create(home, PASSPHRASE, KeyPair.generate());
        // bash's ulimit -f counts 1024-byte blocks: a 256 KiB history file at most
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p =
                new ProcessBuilder(
                                "/bin/bash",
                                "-c",
                                "ulimit -f 256; exec \"$0\" -cp \"$1\" "
                                        + HistoryFiller.class.getName()
                                        + " \"$2\" \"$3\"",
                                java,
                                System.getProperty("java.class.path"),
                                home.toString(),
                                PASSPHRASE)
                        .redirectErrorStream(true)
                        .start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).startsWith("STORED ");
        long stored = Long.parseLong(lines.get(0).substring(7));
        assertThat(stored).isPositive();
        assertThat(lines.subList(1, lines.size()))
                .hasSize(4)
                .allSatisfy(l -> assertThat(l).isEqualTo("FAILED IOException: File too large"));

        ConversationLog log = LocalStore.open(home, PASSPHRASE).conversation(SERVER, ROOM);
        assertEntries(log, stored);
        log.append(entry(stored + 1)); // no limit in this process: space is back
        assertEntries(LocalStore.open(home, PASSPHRASE).conversation(SERVER, ROOM), stored + 1);
    }

    private static void assertEntries(ConversationLog log, long count) {
        assertThat(log.entries()).hasSize((int) count);
        for (int i = 0; i < count; i++) {
            assertThat(log.entries().get(i)).isEqualTo(entry(i + 1));
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out: " + String.join(" ", command);
        }
        return p.exitValue() == 0 ? "" : out.trim() + " (exit " + p.exitValue() + ")";
    }
}
