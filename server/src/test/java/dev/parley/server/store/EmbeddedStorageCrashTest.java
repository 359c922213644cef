package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of writing loses no acknowledged record and leaves no torn one. */
class EmbeddedStorageCrashTest {
    @TempDir Path dataDir;

    @Test
    @Timeout(120)
    void killedWriterLosesNoAcknowledgedRecordAndLeavesNoTornOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                CrashingWriter.class.getName(),
                                dataDir.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long lastAcked = 0;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (lastAcked < 300
                    && System.nanoTime() < deadline
                    && (line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    lastAcked = Long.parseLong(line.substring(6));
                }
            }
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close()
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastAcked)
                .as("acknowledged appends before the kill")
                .isGreaterThanOrEqualTo(300);

        try (EmbeddedStorage storage =
                EmbeddedStorage.open(dataDir, StorageKeyFile.loadOrCreate(dataDir))) {
            List<StoredMessage> all = new java.util.ArrayList<>();
            for (List<StoredMessage> page =
                            storage.history().after("main", 0, SqliteHistoryStore.MAX_LIMIT);
                    !page.isEmpty();
                    page =
                            storage.history()
                                    .after(
                                            "main",
                                            page.get(page.size() - 1).id(),
                                            SqliteHistoryStore.MAX_LIMIT)) {
                all.addAll(page);
            }
            assertThat(all.size()).isGreaterThanOrEqualTo((int) lastAcked);
            for (int i = 0; i < all.size(); i++) {
                StoredMessage m = all.get(i);
                assertThat(m.id()).isEqualTo(i + 1);
                assertThat(m.text())
                        .startsWith("message " + i + " ")
                        .hasSize(("message " + i + " ").length() + i % 500);
            }
            // the store still accepts writes with the next id
            assertThat(storage.history().append("main", "after", "crash", 1).id())
                    .isEqualTo(all.size() + 1L);
            assertThat(storage.identities().find("user0")).isPresent();
        }
    }
}
