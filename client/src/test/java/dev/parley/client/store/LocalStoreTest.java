package dev.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
    @TempDir Path home;

    private static HistoryEntry entry(long id, String from, String room, String text) {
        return new HistoryEntry(
                HistoryEntry.Kind.ROOM, id, 1_700_000_000_000L + id, from, room, text);
    }

    @Test
    void identityAndHistorySurviveReopening() throws Exception {
        KeyPair identity = KeyPair.generate();
        LocalStore store = LocalStore.create(home, "correct horse", identity);
        store.conversation("chat.example:8080", "lobby")
                .append(entry(1, "alice", "lobby", "hello"));
        store.conversation("chat.example:8080", "lobby")
                .append(entry(2, "bob", "lobby", "hi alice"));
        store.conversation("other:9", "lobby").append(entry(7, "carol", "lobby", "elsewhere"));

        LocalStore reopened = LocalStore.open(home, "correct horse");
        assertThat(reopened.identity().publicKey()).isEqualTo(identity.publicKey());
        ConversationLog log = reopened.conversation("chat.example:8080", "lobby");
        assertThat(log.entries())
                .extracting(HistoryEntry::text)
                .containsExactly("hello", "hi alice");
        assertThat(log.lastId()).isEqualTo(2);
        assertThat(reopened.conversations("chat.example:8080"))
                .extracting(ConversationLog::conversation)
                .containsExactly("lobby");
        assertThat(reopened.conversations(null)).hasSize(2);
    }

    @Test
    void wrongPassphraseFailsOnceAndTouchesNothing() throws Exception {
        LocalStore store = LocalStore.create(home, "right", KeyPair.generate());
        store.conversation("s:1", "lobby").append(entry(1, "alice", "lobby", "hello"));
        Map<Path, byte[]> before = snapshot();
        assertThatThrownBy(() -> LocalStore.open(home, "wrong"))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong passphrase")
                .hasMessageNotContaining("right");
        Map<Path, byte[]> after = snapshot();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((p, b) -> assertThat(after.get(p)).isEqualTo(b));
    }

    @Test
    void nothingReadableIsOnDisk() throws Exception {
        KeyPair identity = KeyPair.generate();
        LocalStore store = LocalStore.create(home, "pass", identity);
        store.conversation("secret-server.example:8080", "secretroom")
                .append(entry(1, "alicename", "secretroom", "the launch code is 1234"));
        List<String> needles =
                List.of(
                        "secret-server",
                        "secretroom",
                        "alicename",
                        "launch code",
                        java.util.Base64.getEncoder()
                                .encodeToString(identity.privateKey().toByteArray()));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String needle : needles) {
                    assertThat(name).doesNotContain(needle);
                    assertThat(content).doesNotContain(needle);
                }
                assertThat(indexOf(Files.readAllBytes(f), identity.privateKey().toByteArray()))
                        .isEqualTo(-1);
            }
        }
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(
                                        home.resolve(LocalStore.IDENTITY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void createRefusesToOverwriteAnIdentity() throws Exception {
        LocalStore.create(home, "pass", KeyPair.generate());
        assertThatThrownBy(() -> LocalStore.create(home, "pass", KeyPair.generate()))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void tornLastHistoryRecordIsSkippedAndEarlierOnesStay() throws Exception {
        LocalStore store = LocalStore.create(home, "pass", KeyPair.generate());
        ConversationLog log = store.conversation("s:1", "lobby");
        log.append(entry(1, "a", "lobby", "one"));
        log.append(entry(2, "a", "lobby", "two"));
        Path file;
        try (Stream<Path> files = Files.list(home.resolve(LocalStore.HISTORY_DIR))) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        ConversationLog reopened = LocalStore.open(home, "pass").conversation("s:1", "lobby");
        assertThat(reopened.hadTornTail()).isTrue();
        assertThat(reopened.entries()).extracting(HistoryEntry::text).containsExactly("one");
        reopened.append(entry(3, "a", "lobby", "three"));
        assertThat(LocalStore.open(home, "pass").conversation("s:1", "lobby").entries())
                .extracting(HistoryEntry::text)
                .containsExactly("one", "three");
    }

    @Test
    void emptyPassphraseIsRefused() {
        assertThatThrownBy(() -> LocalStore.create(home, "", KeyPair.generate()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : new ArrayList<>(files.filter(Files::isRegularFile).toList())) {
                m.put(f, Files.readAllBytes(f));
            }
        }
        return m;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
