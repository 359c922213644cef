package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellData;
import dev.parley.themis.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellCommandTest {
    private static final byte[] SECRET_TEXT =
            "attack at dawn \u00e9\u00e8\n\u0000binary".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;

    private Path keyFile(SymmetricKey key) throws Exception {
        Path f = dir.resolve("cell.key");
        Files.writeString(f, Base64.getEncoder().encodeToString(key.toByteArray()) + "\n");
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"seal", "token-protect", "context-imprint"})
    void encryptThenDecryptGivesBackTheBytes(String mode) throws Exception {
        Path key = keyFile(SymmetricKey.generate());
        CliRun enc =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        mode,
                        "--key-file",
                        key.toString(),
                        "--context",
                        "ctx-1");
        assertThat(enc.status).as(enc.stderr).isZero();
        assertThat(enc.out().lines()).hasSize(mode.equals("token-protect") ? 2 : 1);
        CliRun dec =
                CliRun.run(
                        enc.stdout,
                        "cell",
                        "decrypt",
                        "--mode",
                        mode,
                        "--key-file",
                        key.toString(),
                        "--context",
                        "ctx-1");
        assertThat(dec.status).as(dec.stderr).isZero();
        assertThat(dec.stdout).isEqualTo(SECRET_TEXT);
    }

    @Test
    void outputIsWhatTheLibraryDecrypts() throws Exception {
        SymmetricKey key = SymmetricKey.generate();
        CliRun enc =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        "token-protect",
                        "--key-file",
                        keyFile(key).toString());
        String[] lines = enc.out().split("\n");
        byte[] plain =
                SecureCell.tokenProtectWithKey(key)
                        .decrypt(
                                Base64.getDecoder().decode(lines[0]),
                                Base64.getDecoder().decode(lines[1]));
        assertThat(plain).isEqualTo(SECRET_TEXT);

        SecureCellData data = SecureCell.tokenProtectWithKey(key).encrypt(SECRET_TEXT);
        String in =
                Base64.getEncoder().encodeToString(data.data())
                        + "\n"
                        + Base64.getEncoder().encodeToString(data.token())
                        + "\n";
        CliRun dec =
                CliRun.run(
                        in.getBytes(StandardCharsets.US_ASCII),
                        "cell",
                        "decrypt",
                        "--mode",
                        "token-protect",
                        "--key-file",
                        keyFile(key).toString());
        assertThat(dec.stdout).isEqualTo(SECRET_TEXT);
    }

    @Test
    void passphraseSealRoundTripsThroughTheEnvironment() {
        Map<String, String> env = Map.of("PW", "correct horse");
        CliRun enc =
                CliRun.run(
                        SECRET_TEXT,
                        env,
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--passphrase-env",
                        "PW");
        assertThat(enc.status).as(enc.stderr).isZero();
        CliRun dec =
                CliRun.run(
                        enc.stdout,
                        env,
                        "cell",
                        "decrypt",
                        "--mode",
                        "seal",
                        "--passphrase-env",
                        "PW");
        assertThat(dec.stdout).isEqualTo(SECRET_TEXT);

        CliRun wrong =
                CliRun.run(
                        enc.stdout,
                        Map.of("PW", "wrong horse"),
                        "cell",
                        "decrypt",
                        "--mode",
                        "seal",
                        "--passphrase-env",
                        "PW");
        assertThat(wrong.status).isEqualTo(1);
        assertThat(wrong.stdout).isEmpty();
    }

    @Test
    void tamperedCellFailsWithOneLineAndNothingOnStdout() throws Exception {
        Path key = keyFile(SymmetricKey.generate());
        CliRun enc =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--key-file",
                        key.toString());
        byte[] cell = Base64.getDecoder().decode(enc.out().strip());
        cell[cell.length - 1] ^= 1;
        byte[] tampered =
                (Base64.getEncoder().encodeToString(cell) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
        CliRun dec =
                CliRun.run(
                        tampered,
                        "cell",
                        "decrypt",
                        "--mode",
                        "seal",
                        "--key-file",
                        key.toString());
        assertThat(dec.status).isEqualTo(1);
        assertThat(dec.stdout).isEmpty();
        assertThat(dec.stderr.strip().lines()).hasSize(1);
        assertThat(dec.stderr).contains("decryption failed");
    }

    @Test
    void rejectsBadInputClearly() throws Exception {
        Path key = keyFile(SymmetricKey.generate());
        CliRun notBase64 =
                CliRun.run(
                        "%%%".getBytes(StandardCharsets.US_ASCII),
                        "cell",
                        "decrypt",
                        "--mode",
                        "seal",
                        "--key-file",
                        key.toString());
        assertThat(notBase64.status).isEqualTo(1);
        assertThat(notBase64.stderr).contains("base64");
        CliRun empty =
                CliRun.run(
                        new byte[0],
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--key-file",
                        key.toString());
        assertThat(empty.status).isEqualTo(1);
        CliRun noContext =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        "context-imprint",
                        "--key-file",
                        key.toString());
        assertThat(noContext.status).isEqualTo(1);
        assertThat(noContext.stderr).contains("--context");
        CliRun passphraseWithToken =
                CliRun.run(
                        SECRET_TEXT,
                        Map.of("PW", "x"),
                        "cell",
                        "encrypt",
                        "--mode",
                        "token-protect",
                        "--passphrase-env",
                        "PW");
        assertThat(passphraseWithToken.status).isEqualTo(1);
        CliRun unsetEnv =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--passphrase-env",
                        "NOPE");
        assertThat(unsetEnv.status).isEqualTo(1);
        assertThat(unsetEnv.stderr).contains("NOPE");
        CliRun badMode =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        "rot13",
                        "--key-file",
                        key.toString());
        assertThat(badMode.status).isEqualTo(2);
        CliRun bothSecrets =
                CliRun.run(
                        SECRET_TEXT,
                        Map.of("PW", "x"),
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--key-file",
                        key.toString(),
                        "--passphrase-env",
                        "PW");
        assertThat(bothSecrets.status).isEqualTo(2);
        CliRun missingKey =
                CliRun.run(
                        SECRET_TEXT,
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--key-file",
                        dir.resolve("none").toString());
        assertThat(missingKey.status).isEqualTo(1);
    }
}
