package dev.parley.themis;

import static dev.parley.themis.testing.Vectors.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.testing.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecureMessageVectorsTest {
    private static final Map<String, Object> FILE = Vectors.load("secure-message.json");

    private static PrivateKey privateOf(String who) throws KeyFormatException {
        return PrivateKey.fromBytes(b64(Vectors.map(Vectors.map(FILE, "keys"), who), "private"));
    }

    private static PublicKey publicOf(String who) throws KeyFormatException {
        return PublicKey.fromBytes(b64(Vectors.map(Vectors.map(FILE, "keys"), who), "public"));
    }

    @Test
    void bobDecryptsEveryMessageFromAlice() throws Exception {
        SecureMessage bob = SecureMessage.encryption(privateOf("bob"), publicOf("alice"));
        for (Map<String, Object> c : Vectors.list(FILE, "encrypted")) {
            assertThat(bob.decrypt(b64(c, "encrypted"))).isEqualTo(b64(c, "plaintext"));
        }
    }

    @Test
    void verifiesEverySignedMessageFromAlice() throws Exception {
        for (Map<String, Object> c : Vectors.list(FILE, "signed")) {
            assertThat(SecureMessage.verify(b64(c, "signed"), publicOf("alice")))
                    .isEqualTo(b64(c, "plaintext"));
        }
    }

    @Test
    void rejectsEveryNegative() throws Exception {
        for (Map<String, Object> n : Vectors.list(FILE, "negative")) {
            byte[] data = b64(n, "data");
            if ("decrypt".equals(n.get("operation"))) {
                SecureMessage m =
                        SecureMessage.encryption(
                                privateOf((String) n.get("recipient_private")),
                                publicOf((String) n.get("sender_public")));
                assertThatThrownBy(() -> m.decrypt(data))
                        .as((String) n.get("description"))
                        .isInstanceOf(SecureMessageException.class);
            } else {
                PublicKey signer = publicOf((String) n.get("signer_public"));
                assertThatThrownBy(() -> SecureMessage.verify(data, signer))
                        .as((String) n.get("description"))
                        .isInstanceOf(SecureMessageException.class);
            }
        }
    }

    @Test
    void acceptsTheCompatCasesThemisAccepts() throws Exception {
        for (Map<String, Object> c : Vectors.list(FILE, "compat")) {
            assertThat(
                            SecureMessage.verify(
                                    b64(c, "data"), publicOf((String) c.get("signer_public"))))
                    .as((String) c.get("description"))
                    .isNotEmpty();
        }
    }
}
