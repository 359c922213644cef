package dev.parley.themis.fuzz;

import static dev.parley.themis.fuzz.FuzzFixtures.utf8;
import static dev.parley.themis.testing.Vectors.b64;

import dev.parley.themis.KeyPair;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellData;
import dev.parley.themis.SecureMessage;
import dev.parley.themis.internal.cell.PassphraseCells;
import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.session.DataChannel;
import dev.parley.themis.internal.session.SessionKeys;
import dev.parley.themis.internal.util.Bytes;
import dev.parley.themis.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Writes the committed seed corpora of the {@code *FuzzTest} targets: the WasmThemis vectors
 * (decoded from base64, laid out as each target reads its input) and real messages made by our own
 * code. Run it again only to refresh the seeds (docs/fuzzing.md):
 *
 * <pre>
 * mvn -B -q -pl themis test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.parley.themis.fuzz.SeedCorpus -Dexec.args=themis/src/test/resources
 * </pre>
 */
public final class SeedCorpus {
    /**
     * Where the LE32 PBKDF2 count sits in a standard passphrase token: after 20 + 12 + 16 bytes.
     */
    private static final int PASSPHRASE_ITERATIONS_OFFSET = 48;

    private final Path root;

    private SeedCorpus(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        SeedCorpus seeds =
                new SeedCorpus(Paths.get(args.length > 0 ? args[0] : "themis/src/test/resources"));
        seeds.keys();
        seeds.cells();
        seeds.messages();
        seeds.sessions();
    }

    private void keys() throws IOException {
        Map<String, Object> file = Vectors.load("keypairs.json");
        int i = 0;
        for (Map<String, Object> pair : Vectors.list(file, "pairs")) {
            write("PublicKeyFuzzTest", "parse", "vector-pair-" + i, b64(pair, "public"));
            write("PrivateKeyFuzzTest", "parse", "vector-pair-" + i, b64(pair, "private"));
            i++;
        }
        Map<String, Object> example = Vectors.map(file, "example_pair");
        write("PublicKeyFuzzTest", "parse", "vector-tutorial-pair", b64(example, "public"));
        write("PrivateKeyFuzzTest", "parse", "vector-tutorial-pair", b64(example, "private"));
        i = 0;
        for (Map<String, Object> n : Vectors.list(file, "negative")) {
            String target =
                    "public".equals(n.get("kind")) ? "PublicKeyFuzzTest" : "PrivateKeyFuzzTest";
            write(target, "parse", "vector-negative-" + i++, b64(n, "key"));
        }
        KeyPair ours = KeyPair.generate();
        write("PublicKeyFuzzTest", "parse", "ours-compressed", ours.publicKey().toByteArray());
        byte[] compressed = ours.publicKey().toByteArray();
        byte[] uncompressed =
                P256.decodePoint(
                                compressed,
                                SoterContainer.HEADER_LENGTH,
                                compressed.length - SoterContainer.HEADER_LENGTH)
                        .getEncoded(false);
        write(
                "PublicKeyFuzzTest",
                "parse",
                "ours-uncompressed",
                SoterContainer.build("UEC2", uncompressed));
        write("PrivateKeyFuzzTest", "parse", "ours", ours.privateKey().toByteArray());
        byte[] padded = ours.privateKey().toByteArray();
        write(
                "PrivateKeyFuzzTest",
                "parse",
                "ours-32-byte-scalar",
                SoterContainer.build("REC2", padded, SoterContainer.HEADER_LENGTH + 1, 32));
    }

    private void cells() throws IOException {
        cellVectors("SealWithKeyFuzzTest", FuzzFixtures.SEAL_KEY_VECTORS);
        passphraseVectors();
        SecureCell.Seal seal = SecureCell.sealWithKey(FuzzFixtures.SEAL_KEY);
        write(
                "SealWithKeyFuzzTest",
                "decrypt",
                "ours-no-context",
                FuzzInput.join(null, seal.encrypt(utf8("hello"))));
        write(
                "SealWithKeyFuzzTest",
                "decrypt",
                "ours-context",
                FuzzInput.join(
                        utf8("room:1"),
                        seal.encrypt(
                                utf8("a longer message that spans more than one AES block"),
                                utf8("room:1"))));
        byte[] passphrase = utf8(FuzzFixtures.PASSPHRASE);
        byte[] plain = PassphraseCells.seal(passphrase, utf8("hello"), null, 1000);
        byte[] withContext =
                PassphraseCells.seal(passphrase, utf8("with context"), utf8("ctx"), 1000);
        write(
                "SealWithPassphraseFuzzTest",
                "decrypt",
                "ours-1000-iterations",
                FuzzInput.join(null, plain));
        write(
                "SealWithPassphraseFuzzTest",
                "decrypt",
                "ours-1000-iterations-context",
                FuzzInput.join(utf8("ctx"), withContext));
        writeTokenSeed("ours-1000-iterations", plain);
        writeTokenSeed("ours-1000-iterations-context", withContext);

        int i = 0;
        for (Map<String, Object> c :
                FuzzFixtures.entries(FuzzFixtures.TOKEN_PROTECT_VECTORS, "cases")) {
            write(
                    "TokenProtectFuzzTest",
                    "decrypt",
                    "vector-case-" + i++,
                    FuzzInput.join(b64(c, "context"), b64(c, "token"), b64(c, "encrypted")));
        }
        i = 0;
        for (Map<String, Object> c :
                FuzzFixtures.entries(FuzzFixtures.TOKEN_PROTECT_VECTORS, "negative")) {
            write(
                    "TokenProtectFuzzTest",
                    "decrypt",
                    "vector-negative-" + i++,
                    FuzzInput.join(b64(c, "context"), b64(c, "token"), b64(c, "encrypted")));
        }
        SecureCellData tp =
                SecureCell.tokenProtectWithKey(FuzzFixtures.TOKEN_PROTECT_KEY)
                        .encrypt(utf8("token protect by parley"), utf8("row:1"));
        write(
                "TokenProtectFuzzTest",
                "decrypt",
                "ours-context",
                FuzzInput.join(utf8("row:1"), tp.token(), tp.data()));

        i = 0;
        for (String group : List.of("cases", "negative")) {
            for (Map<String, Object> c :
                    FuzzFixtures.entries(FuzzFixtures.IMPRINT_VECTORS, group)) {
                write(
                        "ContextImprintFuzzTest",
                        "decrypt",
                        "vector-" + i++,
                        FuzzInput.join(b64(c, "context"), b64(c, "ciphertext")));
            }
        }
    }

    private void cellVectors(String target, Map<String, Object> file) throws IOException {
        int i = 0;
        for (String group : List.of("cases", "negative")) {
            for (Map<String, Object> c : FuzzFixtures.entries(file, group)) {
                write(
                        target,
                        "decrypt",
                        "vector-" + group + "-" + i++,
                        FuzzInput.join(b64(c, "context"), b64(c, "ciphertext")));
            }
        }
    }

    /**
     * The passphrase vectors with their PBKDF2 count lowered from 314,110 to 1,000 (so they no
     * longer authenticate, but keep the real Themis layout): at 314,110 the fuzzer would run a
     * handful of inputs per second. Our own 1,000-iteration cells cover the success path.
     */
    private void passphraseVectors() throws IOException {
        int i = 0;
        for (String group : List.of("cases", "negative")) {
            for (Map<String, Object> c :
                    FuzzFixtures.entries(FuzzFixtures.PASSPHRASE_VECTORS, group)) {
                byte[] cell = b64(c, "ciphertext");
                if (cell.length >= PASSPHRASE_ITERATIONS_OFFSET + 4 && cell[3] == 0x41) {
                    Bytes.writeLe32(cell, PASSPHRASE_ITERATIONS_OFFSET, 1000);
                }
                String name = "vector-" + group + "-" + i++ + "-1000-iterations";
                write(
                        "SealWithPassphraseFuzzTest",
                        "decrypt",
                        name,
                        FuzzInput.join(b64(c, "context"), cell));
                writeTokenSeed(name, cell);
            }
        }
    }

    private void messages() throws IOException {
        Map<String, Object> file = FuzzFixtures.MESSAGE_VECTORS;
        int i = 0;
        for (Map<String, Object> e : Vectors.list(file, "encrypted")) {
            write(
                    "SecureMessageDecryptFuzzTest",
                    "decrypt",
                    "vector-encrypted-" + i++,
                    b64(e, "encrypted"));
        }
        i = 0;
        for (Map<String, Object> s : Vectors.list(file, "signed")) {
            write(
                    "SecureMessageVerifyFuzzTest",
                    "verify",
                    "vector-signed-" + i++,
                    b64(s, "signed"));
        }
        i = 0;
        for (String group : List.of("negative", "compat")) {
            for (Map<String, Object> n : Vectors.list(file, group)) {
                boolean verify = ((String) n.get("operation")).contains("verify");
                write(
                        verify ? "SecureMessageVerifyFuzzTest" : "SecureMessageDecryptFuzzTest",
                        verify ? "verify" : "decrypt",
                        "vector-" + group + "-" + i++,
                        b64(n, "data"));
            }
        }
        SecureMessage alice =
                SecureMessage.encryption(FuzzFixtures.ALICE_PRIVATE, FuzzFixtures.BOB_PUBLIC);
        write("SecureMessageDecryptFuzzTest", "decrypt", "ours-short", alice.encrypt(utf8("hi")));
        write("SecureMessageDecryptFuzzTest", "decrypt", "ours-long", alice.encrypt(new byte[300]));
        write(
                "SecureMessageVerifyFuzzTest",
                "verify",
                "ours",
                SecureMessage.sign(utf8("signed by parley"), FuzzFixtures.ALICE_PRIVATE));
    }

    private void sessions() throws IOException {
        Map<String, Object> t = FuzzFixtures.TRANSCRIPT;
        Map<String, Object> hs = Vectors.map(t, "handshake");
        byte[][] ours = SessionHandshakes.transcript();
        String[][] targets = {
            {"SessionClientHelloFuzzTest", "serverUnwrapsConnectRequest"},
            {"SessionServerHelloFuzzTest", "clientUnwrapsServerHello"},
            {"SessionClientFinishFuzzTest", "serverUnwrapsClientFinish"},
            {"SessionServerFinishFuzzTest", "clientUnwrapsServerFinish"},
        };
        for (int m = 0; m < 4; m++) {
            write(targets[m][0], targets[m][1], "vector-m" + (m + 1), b64(hs, "m" + (m + 1)));
            write(targets[m][0], targets[m][1], "ours-m" + (m + 1), ours[m]);
        }
        int i = 0;
        for (Map<String, Object> n : Vectors.list(t, "negative")) {
            if (n.containsKey("handshake_message")) {
                write(
                        "SessionClientHelloFuzzTest",
                        "serverUnwrapsConnectRequest",
                        "vector-negative-" + i++,
                        b64(n, "handshake_message"));
            }
        }

        String target = "SessionDataFrameFuzzTest";
        String method = "serverUnwrapsDataFrames";
        List<Map<String, Object>> fromClient = Vectors.list(t, "client_to_server");
        byte[] first = b64(fromClient.get(0), "wrapped");
        byte[] second = b64(fromClient.get(1), "wrapped");
        write(target, method, "vector-in-order", FuzzInput.joinLong(first, second));
        write(target, method, "vector-reordered", FuzzInput.joinLong(second, first));
        write(target, method, "vector-replayed", FuzzInput.joinLong(first, first, second));
        i = 0;
        for (Map<String, Object> n : Vectors.list(t, "negative")) {
            if (n.containsKey("wrapped")) {
                write(
                        target,
                        method,
                        "vector-negative-" + i++,
                        FuzzInput.joinLong(b64(n, "wrapped")));
            }
        }
        // our own sender on the transcript's client keys: frames the fuzz target's server accepts
        Map<String, Object> secrets = Vectors.map(t, "client_secrets");
        DataChannel client =
                SessionKeys.derive(
                                Vectors.hex((String) secrets.get("master_key_hex")),
                                Vectors.hex((String) secrets.get("session_id_kdf_bytes_hex")))
                        .channel(true, FuzzFixtures.TRANSCRIPT_TIME, true);
        byte[] a = client.wrap(utf8("first from parley"));
        byte[] b = client.wrap(new byte[1]);
        byte[] c = client.wrap(new byte[700]);
        write(target, method, "ours-three", FuzzInput.joinLong(a, b, c));
        write(target, method, "ours-skipping", FuzzInput.joinLong(c, a));
    }

    /** Seeds of {@code internal.cell.PassphraseTokenFuzzTest}: the bare cells. */
    private void writeTokenSeed(String name, byte[] cell) throws IOException {
        Path dir =
                root.resolve("dev/parley/themis/internal/cell/PassphraseTokenFuzzTestInputs/parse");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), cell);
    }

    private void write(String target, String method, String name, byte[] data) throws IOException {
        Path dir =
                root.resolve("dev/parley/themis/fuzz").resolve(target + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), data);
    }
}
