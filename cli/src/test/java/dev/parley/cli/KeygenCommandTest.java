package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    @TempDir Path dir;

    @Test
    void writesAMatchingPairWithAPrivateFileOnlyTheOwnerCanRead() throws Exception {
        Path priv = dir.resolve("id.key");
        Path pub = dir.resolve("id.pub");
        CliRun r =
                CliRun.run(
                        new byte[0],
                        "keygen",
                        "--private",
                        priv.toString(),
                        "--public",
                        pub.toString());

        assertThat(r.status).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllLines(priv)).hasSize(1);
        PrivateKey privateKey =
                PrivateKey.fromBytes(Base64.getDecoder().decode(Files.readString(priv).strip()));
        PublicKey publicKey =
                PublicKey.fromBytes(Base64.getDecoder().decode(Files.readString(pub).strip()));
        assertThat(privateKey.publicKey()).isEqualTo(publicKey);
        assertThat(r.out())
                .contains("public key: " + publicKey.toBase64())
                .contains("fingerprint: " + publicKey.fingerprint())
                .doesNotContain(Files.readString(priv).strip());
    }

    @Test
    void refusesToOverwriteAnExistingKey() throws Exception {
        Path priv = dir.resolve("id.key");
        Files.writeString(priv, "precious\n");
        CliRun r =
                CliRun.run(
                        new byte[0],
                        "keygen",
                        "--private",
                        priv.toString(),
                        "--public",
                        dir.resolve("p").toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.stderr).contains("refusing to overwrite");
        assertThat(Files.readString(priv)).isEqualTo("precious\n");
    }

    @Test
    void missingOptionIsAUsageError() {
        assertThat(CliRun.run(new byte[0], "keygen", "--private", "x").status).isEqualTo(2);
    }
}
