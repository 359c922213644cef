package dev.parley.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.store.StorageException;
import dev.parley.themis.SymmetricKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterKeyFileTest {
    @TempDir Path dir;

    @Test
    void loadsOneBase64LineOf32Bytes() throws Exception {
        SymmetricKey key = SymmetricKey.generate();
        Path file = dir.resolve("cluster.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key.toByteArray()) + "\n");
        assertThat(ClusterKeyFile.load(file)).isEqualTo(key);
    }

    @Test
    void missingFileIsAnErrorNotANewKey() {
        Path file = dir.resolve("absent.key");
        assertThatThrownBy(() -> ClusterKeyFile.load(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not found");
        assertThat(file).doesNotExist();
    }

    @Test
    void rejectsMalformedAndShortKeysWithoutEchoingThem() throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "not base64 !!\n");
        assertThatThrownBy(() -> ClusterKeyFile.load(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("malformed")
                .hasMessageNotContaining("!!");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        Files.writeString(file, shortKey + "\n");
        assertThatThrownBy(() -> ClusterKeyFile.load(file))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("32")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void redisModeNeedsAClusterKeyFile() {
        assertThatThrownBy(() -> ServerConfig.builder().redis("redis://127.0.0.1:1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster key");
    }

    @Test
    void redisPasswordNeverShowsInToString() {
        ServerConfig config =
                ServerConfig.builder()
                        .redis("redis://default:hunter2@10.0.0.5:6379/3")
                        .clusterKeyFile(dir.resolve("cluster.key"))
                        .build();
        assertThat(config.toString())
                .doesNotContain("hunter2")
                .contains("redis://***@10.0.0.5:6379/3");
        assertThat(new RedisAddress("redis://127.0.0.1:6379").toString())
                .contains("redis://127.0.0.1:6379");
    }

    @Test
    void serverRefusesToStartWithoutTheClusterKey() {
        ServerConfig config =
                ServerConfig.builder()
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .redis("redis://127.0.0.1:1")
                        .clusterKeyFile(dir.resolve("missing.key"))
                        .build();
        ParleyServer server = new ParleyServer(config);
        assertThatThrownBy(() -> server.start().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(StorageException.class)
                .rootCause()
                .hasMessageContaining("cluster key file");
        server.close();
    }
}
