package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.themis.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageKeyFileTest {
    @TempDir Path dataDir;

    private Path keyFile() {
        return dataDir.resolve(StorageKeyFile.FILE_NAME);
    }

    @Test
    void createsAOneLineBase64KeyFileReadableOnlyByTheOwner() throws Exception {
        SymmetricKey key = StorageKeyFile.loadOrCreate(dataDir);
        String content = Files.readString(keyFile(), StandardCharsets.US_ASCII);
        assertThat(content).endsWith("\n").doesNotContain("\r");
        assertThat(Base64.getDecoder().decode(content.strip()))
                .isEqualTo(key.toByteArray())
                .hasSize(32);
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        StorageKeyFile.loadOrCreate(dataDir);
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly(StorageKeyFile.FILE_NAME);
        }
    }

    @Test
    void reusesTheExistingKey() throws Exception {
        SymmetricKey first = StorageKeyFile.loadOrCreate(dataDir);
        SymmetricKey second = StorageKeyFile.loadOrCreate(dataDir);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void createsMissingDataDirectory() throws Exception {
        Path nested = dataDir.resolve("a/b");
        SymmetricKey key = StorageKeyFile.loadOrCreate(nested);
        assertThat(StorageKeyFile.loadOrCreate(nested)).isEqualTo(key);
    }

    @Test
    void acceptsCrLfLineEnding() throws Exception {
        byte[] raw = new byte[32];
        raw[0] = 7;
        Files.writeString(keyFile(), Base64.getEncoder().encodeToString(raw) + "\r\n");
        assertThat(StorageKeyFile.loadOrCreate(dataDir).toByteArray()).isEqualTo(raw);
    }

    @Test
    void refusesMalformedFilesAndNeverReplacesThem() throws Exception {
        String[] bad = {
            "",
            "\n",
            "not base64!\n",
            Base64.getEncoder().encodeToString(new byte[16]) + "\n",
            Base64.getEncoder().encodeToString(new byte[33]) + "\n",
            Base64.getEncoder().encodeToString(new byte[32]) + "\n\n",
            " " + Base64.getEncoder().encodeToString(new byte[32]) + "\n",
            Base64.getEncoder().withoutPadding().encodeToString(new byte[32]) + "\n",
        };
        for (String content : bad) {
            Files.writeString(keyFile(), content, StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> StorageKeyFile.loadOrCreate(dataDir))
                    .as("content %s", content.replace("\n", "\\n"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("malformed");
            assertThat(Files.readString(keyFile(), StandardCharsets.ISO_8859_1)).isEqualTo(content);
        }
    }

    @Test
    void refusesAnUnreadableKeyFile() throws Exception {
        Files.createDirectory(keyFile()); // reading a directory fails even for root
        assertThatThrownBy(() -> StorageKeyFile.loadOrCreate(dataDir))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot read");
        assertThat(Files.isDirectory(keyFile())).isTrue();
    }

    @Test
    void keyFileWorksWithEmbeddedStorageAcrossRestarts() throws Exception {
        try (EmbeddedStorage storage =
                EmbeddedStorage.open(dataDir, StorageKeyFile.loadOrCreate(dataDir))) {
            storage.history().append("main", "alice", "kept", 1);
        }
        try (EmbeddedStorage storage =
                EmbeddedStorage.open(dataDir, StorageKeyFile.loadOrCreate(dataDir))) {
            assertThat(storage.history().latest("main", 1).get(0).text()).isEqualTo("kept");
        }
    }
}
