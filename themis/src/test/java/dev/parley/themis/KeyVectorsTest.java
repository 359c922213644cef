package dev.parley.themis;

import static dev.parley.themis.testing.Vectors.b64;
import static dev.parley.themis.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.testing.Vectors;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyVectorsTest {
    private static final Map<String, Object> FILE = Vectors.load("keypairs.json");

    @Test
    void parsesEveryWasmThemisKeyPairAndDerivesTheSamePublicKey() throws Exception {
        for (Map<String, Object> pair : Vectors.list(FILE, "pairs")) {
            PrivateKey priv = PrivateKey.fromBytes(b64(pair, "private"));
            PublicKey pub = PublicKey.fromBytes(b64(pair, "public"));
            assertThat(priv.publicKey().toByteArray()).isEqualTo(b64(pair, "public"));
            assertThat(priv.toByteArray()).isEqualTo(b64(pair, "private"));
            assertThat(pub.toByteArray()).isEqualTo(b64(pair, "public"));
        }
    }

    @Test
    void tutorialExamplePairMatches() throws Exception {
        Map<String, Object> ex = Vectors.map(FILE, "example_pair");
        PrivateKey priv = PrivateKey.fromBytes(hex((String) ex.get("private_hex")));
        assertThat(priv.publicKey().toBase64()).isEqualTo(ex.get("public"));
        assertThat(priv.toByteArray()).isEqualTo(b64(ex, "private"));
    }

    @Test
    void rejectsEveryNegativeKeyAtImport() {
        List<Map<String, Object>> negatives = Vectors.list(FILE, "negative");
        assertThat(negatives).hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, Object> n : negatives) {
            byte[] key = b64(n, "key");
            if ("public".equals(n.get("kind"))) {
                assertThatThrownBy(() -> PublicKey.fromBytes(key))
                        .as((String) n.get("description"))
                        .isInstanceOf(KeyFormatException.class);
            } else {
                assertThatThrownBy(() -> PrivateKey.fromBytes(key))
                        .as((String) n.get("description"))
                        .isInstanceOf(KeyFormatException.class);
            }
        }
    }

    @Test
    void generatedKeysRoundTripThroughContainers() throws Exception {
        KeyPair kp = KeyPair.generate();
        byte[] pub = kp.publicKey().toByteArray();
        byte[] priv = kp.privateKey().toByteArray();
        assertThat(pub).hasSize(45).startsWith('U', 'E', 'C', '2');
        assertThat(priv).hasSize(45).startsWith('R', 'E', 'C', '2');
        assertThat(priv[12]).isZero();
        assertThat(PublicKey.fromBytes(pub)).isEqualTo(kp.publicKey());
        assertThat(PrivateKey.fromBytes(priv).publicKey()).isEqualTo(kp.publicKey());
    }

    @Test
    void acceptsA32BytePrivatePayloadAndAnUncompressedPublicPoint() throws Exception {
        KeyPair kp = KeyPair.generate();
        byte[] priv = kp.privateKey().toByteArray();
        byte[] short32 =
                dev.parley.themis.internal.container.SoterContainer.build("REC2", priv, 13, 32);
        assertThat(PrivateKey.fromBytes(short32).publicKey()).isEqualTo(kp.publicKey());
        byte[] uncompressed = kp.publicKey().point().getEncoded(false);
        byte[] container =
                dev.parley.themis.internal.container.SoterContainer.build("UEC2", uncompressed);
        assertThat(PublicKey.fromBytes(container)).isEqualTo(kp.publicKey());
    }

    @Test
    void rejectsScalarEqualToTheGroupOrder() {
        byte[] n = hex("00ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        byte[] container = dev.parley.themis.internal.container.SoterContainer.build("REC2", n);
        assertThatThrownBy(() -> PrivateKey.fromBytes(container))
                .isInstanceOf(KeyFormatException.class);
    }

    @Test
    void rejectsEveryTruncationAndEveryFlippedByte() {
        KeyPair kp = KeyPair.generate();
        for (byte[] key : List.of(kp.publicKey().toByteArray(), kp.privateKey().toByteArray())) {
            boolean isPublic = key[0] == 'U';
            for (int len = 0; len < key.length; len++) {
                byte[] cut = Arrays.copyOf(key, len);
                assertThatThrownBy(() -> parse(cut, isPublic))
                        .isInstanceOf(KeyFormatException.class);
            }
            for (int i = 0; i < key.length; i++) {
                byte[] bad = key.clone();
                bad[i] ^= 0x40;
                assertThatThrownBy(() -> parse(bad, isPublic))
                        .as("byte %d", i)
                        .isInstanceOf(KeyFormatException.class);
            }
        }
    }

    @Test
    void privateKeyNeverShowsItselfInToString() {
        KeyPair kp = KeyPair.generate();
        String b64 = Base64.getEncoder().encodeToString(kp.privateKey().toByteArray());
        assertThat(kp.privateKey().toString()).doesNotContain(b64).contains("redacted");
        assertThat(kp.toString()).doesNotContain(b64);
        assertThat(SymmetricKey.generate().toString()).contains("redacted");
    }

    private static void parse(byte[] key, boolean isPublic) throws KeyFormatException {
        if (isPublic) {
            PublicKey.fromBytes(key);
        } else {
            PrivateKey.fromBytes(key);
        }
    }
}
