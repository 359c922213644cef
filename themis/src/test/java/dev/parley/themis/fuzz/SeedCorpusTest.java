package dev.parley.themis.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureMessage;
import dev.parley.themis.SecureSession;
import dev.parley.themis.internal.session.DataChannel;
import dev.parley.themis.internal.session.SessionKeys;
import dev.parley.themis.testing.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed seeds reach the success paths of their targets: the fixtures and the seeds agree,
 * so fuzzing starts from inputs that pass every check.
 */
class SeedCorpusTest {

    @Test
    void keySeedsParse() throws Exception {
        PublicKey.fromBytes(seed("PublicKeyFuzzTest", "parse", "vector-pair-0"));
        PublicKey.fromBytes(seed("PublicKeyFuzzTest", "parse", "ours-uncompressed"));
        PrivateKey.fromBytes(seed("PrivateKeyFuzzTest", "parse", "vector-tutorial-pair"));
        PrivateKey.fromBytes(seed("PrivateKeyFuzzTest", "parse", "ours-32-byte-scalar"));
    }

    @Test
    void cellSeedsDecrypt() throws Exception {
        FuzzInput key = new FuzzInput(seed("SealWithKeyFuzzTest", "decrypt", "vector-cases-1"));
        byte[] keyContext = key.field();
        assertThat(SecureCell.sealWithKey(FuzzFixtures.SEAL_KEY).decrypt(key.rest(), keyContext))
                .isNotEmpty();
        FuzzInput pass =
                new FuzzInput(
                        seed(
                                "SealWithPassphraseFuzzTest",
                                "decrypt",
                                "ours-1000-iterations-context"));
        byte[] context = pass.field();
        assertThat(
                        SecureCell.sealWithPassphrase(FuzzFixtures.PASSPHRASE)
                                .decrypt(pass.rest(), context))
                .isEqualTo(FuzzFixtures.utf8("with context"));
        FuzzInput tp = new FuzzInput(seed("TokenProtectFuzzTest", "decrypt", "vector-case-1"));
        byte[] tpContext = tp.field();
        byte[] token = tp.field();
        assertThat(
                        SecureCell.tokenProtectWithKey(FuzzFixtures.TOKEN_PROTECT_KEY)
                                .decrypt(tp.rest(), token, tpContext))
                .isEqualTo(FuzzFixtures.utf8("Hello, Themis!"));
    }

    @Test
    void messageSeedsDecryptAndVerify() throws Exception {
        SecureMessage bob =
                SecureMessage.encryption(FuzzFixtures.BOB_PRIVATE, FuzzFixtures.ALICE_PUBLIC);
        assertThat(
                        bob.decrypt(
                                seed(
                                        "SecureMessageDecryptFuzzTest",
                                        "decrypt",
                                        "vector-encrypted-0")))
                .isNotEmpty();
        assertThat(
                        SecureMessage.verify(
                                seed("SecureMessageVerifyFuzzTest", "verify", "vector-signed-0"),
                                FuzzFixtures.ALICE_PUBLIC))
                .isNotEmpty();
    }

    @Test
    void connectRequestSeedsAreAccepted() throws Exception {
        for (String name : new String[] {"vector-m1", "ours-m1"}) {
            SecureSession server = SessionHandshakes.freshServer();
            server.unwrap(seed("SessionClientHelloFuzzTest", "serverUnwrapsConnectRequest", name));
            assertThat(server.state()).isEqualTo(SecureSession.State.NEGOTIATING);
        }
    }

    @Test
    void dataFrameSeedsAreAccepted() throws Exception {
        Map<String, Object> secrets = Vectors.map(FuzzFixtures.TRANSCRIPT, "server_secrets");
        for (String name : new String[] {"vector-in-order", "ours-three"}) {
            DataChannel server =
                    SessionKeys.derive(
                                    Vectors.hex((String) secrets.get("master_key_hex")),
                                    Vectors.hex((String) secrets.get("session_id_kdf_bytes_hex")))
                            .channel(false, FuzzFixtures.TRANSCRIPT_TIME, true);
            FuzzInput in =
                    new FuzzInput(
                            seed("SessionDataFrameFuzzTest", "serverUnwrapsDataFrames", name));
            while (in.hasMore()) {
                assertThat(server.unwrap(in.longField())).isNotEmpty();
            }
        }
    }

    private static byte[] seed(String target, String method, String name) throws IOException {
        String path = target + "Inputs/" + method + "/" + name;
        try (InputStream in = SeedCorpusTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
