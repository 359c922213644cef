package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.testing.WasmThemisPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parley command's files and cells are what real Themis (WasmThemis 0.15.0) reads and writes.
 */
class CliInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static WasmThemisPeer wasm;

    @TempDir Path dir;

    @BeforeAll
    static void startPeer() {
        wasm = WasmThemisPeer.start();
    }

    @AfterAll
    static void stopPeer() {
        wasm.close();
    }

    private byte[] randomBytes(int max) {
        byte[] b = new byte[1 + RANDOM.nextInt(max)];
        RANDOM.nextBytes(b);
        return b;
    }

    private Path keyFile(byte[] key) throws Exception {
        Path f = Files.createTempFile(dir, "key", ".b64");
        Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n");
        return f;
    }

    @Test
    void keygenKeysSignAndVerifyInWasmThemis() throws Exception {
        Path priv = dir.resolve("k");
        Path pub = dir.resolve("k.pub");
        assertThat(
                        CliRun.run(
                                        new byte[0],
                                        "keygen",
                                        "--private",
                                        priv.toString(),
                                        "--public",
                                        pub.toString())
                                .status)
                .isZero();
        byte[] privateKey = KeyFiles.readBase64(priv);
        byte[] publicKey = KeyFiles.readBase64(pub);
        byte[] msg = "signed by a parley keygen key".getBytes(StandardCharsets.UTF_8);
        assertThat(wasm.verify(publicKey, wasm.sign(privateKey, msg))).isEqualTo(msg);
    }

    @Test
    void sealFromTheCommandOpensInWasmThemisAndBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            byte[] key = randomBytes(64);
            byte[] plain = randomBytes(3000);
            CliRun enc =
                    CliRun.run(
                            plain,
                            "cell",
                            "encrypt",
                            "--mode",
                            "seal",
                            "--key-file",
                            keyFile(key).toString(),
                            "--context",
                            "ctx " + i);
            byte[] cell = Base64.getDecoder().decode(enc.out().strip());
            byte[] ctx = ("ctx " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(wasm.sealDecrypt(key, cell, ctx)).isEqualTo(plain);

            byte[] fromWasm = wasm.sealEncrypt(key, plain, ctx);
            CliRun dec =
                    CliRun.run(
                            line(fromWasm),
                            "cell",
                            "decrypt",
                            "--mode",
                            "seal",
                            "--key-file",
                            keyFile(key).toString(),
                            "--context",
                            "ctx " + i);
            assertThat(dec.stdout).isEqualTo(plain);
        }
    }

    @Test
    void tokenProtectFromTheCommandOpensInWasmThemisAndBack() throws Exception {
        byte[] key = randomBytes(32);
        byte[] plain = randomBytes(2000);
        CliRun enc =
                CliRun.run(
                        plain,
                        "cell",
                        "encrypt",
                        "--mode",
                        "token-protect",
                        "--key-file",
                        keyFile(key).toString());
        String[] lines = enc.out().split("\n");
        assertThat(
                        wasm.tokenProtectDecrypt(
                                key,
                                Base64.getDecoder().decode(lines[0]),
                                Base64.getDecoder().decode(lines[1]),
                                null))
                .isEqualTo(plain);

        WasmThemisPeer.TokenProtected t = wasm.tokenProtectEncrypt(key, plain, null);
        String in =
                Base64.getEncoder().encodeToString(t.data())
                        + "\n"
                        + Base64.getEncoder().encodeToString(t.token())
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
        assertThat(dec.stdout).isEqualTo(plain);
    }

    @Test
    void contextImprintFromTheCommandIsByteIdenticalToWasmThemis() throws Exception {
        byte[] key = randomBytes(32);
        byte[] plain = randomBytes(500);
        CliRun enc =
                CliRun.run(
                        plain,
                        "cell",
                        "encrypt",
                        "--mode",
                        "context-imprint",
                        "--key-file",
                        keyFile(key).toString(),
                        "--context",
                        "row 7");
        assertThat(Base64.getDecoder().decode(enc.out().strip()))
                .isEqualTo(
                        wasm.contextImprintEncrypt(
                                key, plain, "row 7".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void passphraseSealFromTheCommandOpensInWasmThemisAndBack() throws Exception {
        String passphrase = "пароль 🔑";
        byte[] plain = randomBytes(100);
        CliRun enc =
                CliRun.run(
                        plain,
                        Map.of("PW", passphrase),
                        "cell",
                        "encrypt",
                        "--mode",
                        "seal",
                        "--passphrase-env",
                        "PW");
        assertThat(
                        wasm.sealDecryptWithPassphrase(
                                passphrase, Base64.getDecoder().decode(enc.out().strip()), null))
                .isEqualTo(plain);

        byte[] fromWasm = wasm.sealEncryptWithPassphrase(passphrase, plain, null);
        CliRun dec =
                CliRun.run(
                        line(fromWasm),
                        Map.of("PW", passphrase),
                        "cell",
                        "decrypt",
                        "--mode",
                        "seal",
                        "--passphrase-env",
                        "PW");
        assertThat(dec.stdout).isEqualTo(plain);
    }

    private static byte[] line(byte[] data) {
        return (Base64.getEncoder().encodeToString(data) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
