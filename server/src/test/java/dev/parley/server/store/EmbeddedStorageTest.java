package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded store guarantees beyond the contract: confidentiality and integrity at rest.
 */
class EmbeddedStorageTest {
    private static final SymmetricKey KEY = SymmetricKey.generate();

    @TempDir Path dataDir;

    private Connection raw() throws Exception {
        return DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve(EmbeddedStorage.DATABASE_FILE));
    }

    private byte[] body(Connection c, long id) throws Exception {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM messages WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private void setBody(Connection c, long id, byte[] body) throws Exception {
        try (PreparedStatement p =
                c.prepareStatement("UPDATE messages SET body = ? WHERE id = ?")) {
            p.setBytes(1, body);
            p.setLong(2, id);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    private void appendThree(String conversation) throws Exception {
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            for (int i = 1; i <= 3; i++) {
                storage.history().append(conversation, "alice", "text " + i, i);
            }
        }
    }

    @Test
    void tamperedCiphertextIsAStorageExceptionNeverGarbage() throws Exception {
        appendThree("main");
        try (Connection c = raw()) {
            byte[] body = body(c, 2);
            body[body.length - 1] ^= 0x01;
            setBody(c, 2, body);
        }
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            HistoryStore history = storage.history();
            assertThatThrownBy(() -> history.latest("main", 10))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("integrity");
            assertThatThrownBy(() -> history.before("main", 3, 1))
                    .isInstanceOf(StorageException.class);
            assertThat(history.after("main", 2, 10))
                    .extracting(StoredMessage::text)
                    .containsExactly("text 3");
        }
    }

    @Test
    void truncatedOrEmptyBodyIsAStorageException() throws Exception {
        appendThree("main");
        try (Connection c = raw()) {
            setBody(c, 1, new byte[] {1, 2, 3});
            setBody(c, 2, new byte[0]);
        }
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            assertThatThrownBy(() -> storage.history().after("main", 0, 1))
                    .isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> storage.history().after("main", 1, 1))
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void swappedRowsFailTheirIntegrityCheck() throws Exception {
        appendThree("main");
        try (Connection c = raw()) {
            byte[] one = body(c, 1);
            byte[] two = body(c, 2);
            setBody(c, 1, two);
            setBody(c, 2, one);
        }
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            assertThatThrownBy(() -> storage.history().after("main", 0, 1))
                    .isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> storage.history().after("main", 1, 1))
                    .isInstanceOf(StorageException.class);
        }
    }

    @Test
    void rowMovedToAnotherConversationFailsItsIntegrityCheck() throws Exception {
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            storage.history().append("@alice|bob", "alice", "secret", 1);
            storage.history().append("public", "bob", "hello", 1);
            storage.history().append("public", "bob", "again", 2);
        }
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            byte[] publicId;
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT conversation FROM messages GROUP BY conversation HAVING COUNT(*) = 2")) {
                assertThat(rs.next()).isTrue();
                publicId = rs.getBytes(1);
            }
            // replace public's message 1 by the direct message, keeping its id
            try (PreparedStatement p =
                    c.prepareStatement("DELETE FROM messages WHERE conversation = ? AND id = 1")) {
                p.setBytes(1, publicId);
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE messages SET conversation = ? WHERE id = 1")) {
                p.setBytes(1, publicId);
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
        }
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            assertThat(storage.history().latest("@alice|bob", 10)).isEmpty();
            assertThatThrownBy(() -> storage.history().latest("public", 10))
                    .isInstanceOf(StorageException.class);
            assertThat(storage.history().after("public", 1, 10))
                    .extracting(StoredMessage::text)
                    .containsExactly("again");
        }
    }

    @Test
    void databaseFilesHoldNoMessageTextSenderOrConversationInPlaintext() throws Exception {
        String text = "ZEBRA-marker-text-4711";
        String sender = "quokka_sender";
        String room = "okapi_room";
        String dmKey = "@narwhal|wombat";
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            for (int i = 0; i < 50; i++) {
                storage.history().append(room, sender, text + " #" + i, i);
                storage.history().append(dmKey, sender, text, i);
            }
            assertNoFileContains(text, sender, room, "narwhal");
        }
        assertNoFileContains(text, sender, room, "narwhal");
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            assertThat(storage.history().latest(room, 1).get(0).text()).isEqualTo(text + " #49");
        }
    }

    private void assertNoFileContains(String... needles) throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String needle : needles) {
                    String utf8 =
                            new String(
                                    needle.getBytes(StandardCharsets.UTF_8),
                                    StandardCharsets.ISO_8859_1);
                    assertThat(content)
                            .as("%s contains a plaintext marker", f.getFileName())
                            .doesNotContain(utf8);
                }
            }
        }
    }

    @Test
    void identityKeysAreStoredAsIs() throws Exception {
        byte[] key = "public-key-bytes".getBytes(StandardCharsets.US_ASCII);
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            storage.identities().bindIfAbsent("alice", key);
        }
        try (Connection c = raw();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, public_key FROM identities")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("alice");
            assertThat(rs.getBytes(2)).isEqualTo(key);
        }
    }

    @Test
    void openingWithAnotherKeyIsRefused() throws Exception {
        appendThree("main");
        assertThatThrownBy(() -> EmbeddedStorage.open(dataDir, SymmetricKey.generate()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("storage key does not match");
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY)) {
            assertThat(storage.history().latest("main", 10)).hasSize(3);
        }
    }

    @Test
    void schemaFromANewerVersionIsRefused() throws Exception {
        appendThree("main");
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> EmbeddedStorage.open(dataDir, KEY))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void usesWalJournalAndVersionedSchema() throws Exception {
        appendThree("main");
        try (Connection c = raw();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(SqliteSchema.VERSION);
            }
        }
    }

    @Test
    void callsAfterCloseFailWithStorageException() throws Exception {
        EmbeddedStorage storage = EmbeddedStorage.open(dataDir, KEY);
        storage.close();
        storage.close(); // idempotent
        assertThatThrownBy(() -> storage.history().append("main", "a", "b", 1))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> storage.identities().find("a"))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void unusableDataDirectoryIsAStorageException() throws Exception {
        Path notADir = dataDir.resolve("file");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> EmbeddedStorage.open(notADir, KEY))
                .isInstanceOf(StorageException.class);
    }
}
