package dev.parley.themis;

import static dev.parley.themis.testing.Vectors.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.testing.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers from WasmThemis 0.15.0: every positive case decrypts, every negative rejects. */
class SecureCellVectorsTest {

    @Test
    void sealWithKeyDecryptsEveryWasmThemisCell() throws Exception {
        Map<String, Object> file = Vectors.load("secure-cell-seal-key.json");
        List<Map<String, Object>> cases = Vectors.list(file, "cases");
        assertThat(cases).isNotEmpty();
        for (Map<String, Object> c : cases) {
            SecureCell.Seal cell = SecureCell.sealWithKey(SymmetricKey.fromBytes(b64(c, "key")));
            assertThat(cell.decrypt(b64(c, "ciphertext"), b64(c, "context")))
                    .as((String) c.get("description"))
                    .isEqualTo(b64(c, "plaintext"));
        }
    }

    @Test
    void sealWithKeyRejectsEveryNegative() {
        Map<String, Object> file = Vectors.load("secure-cell-seal-key.json");
        for (Map<String, Object> n : Vectors.list(file, "negative")) {
            SecureCell.Seal cell = SecureCell.sealWithKey(SymmetricKey.fromBytes(b64(n, "key")));
            assertThatThrownBy(() -> cell.decrypt(b64(n, "ciphertext"), b64(n, "context")))
                    .as((String) n.get("description"))
                    .isInstanceOf(SecureCellException.class);
        }
    }

    @Test
    void sealWithPassphraseDecryptsEveryWasmThemisCell() throws Exception {
        Map<String, Object> file = Vectors.load("secure-cell-seal-passphrase.json");
        for (Map<String, Object> c : Vectors.list(file, "cases")) {
            SecureCell.Seal cell = SecureCell.sealWithPassphrase((String) c.get("passphrase"));
            assertThat(cell.decrypt(b64(c, "ciphertext"), b64(c, "context")))
                    .as((String) c.get("description"))
                    .isEqualTo(b64(c, "plaintext"));
            SecureCell.Seal raw = SecureCell.sealWithPassphrase(b64(c, "passphrase_utf8"));
            assertThat(raw.decrypt(b64(c, "ciphertext"), b64(c, "context")))
                    .isEqualTo(b64(c, "plaintext"));
        }
    }

    @Test
    void sealWithPassphraseRejectsEveryNegative() {
        Map<String, Object> file = Vectors.load("secure-cell-seal-passphrase.json");
        for (Map<String, Object> n : Vectors.list(file, "negative")) {
            SecureCell.Seal cell =
                    n.containsKey("key")
                            ? SecureCell.sealWithKey(SymmetricKey.fromBytes(b64(n, "key")))
                            : SecureCell.sealWithPassphrase((String) n.get("passphrase"));
            assertThatThrownBy(() -> cell.decrypt(b64(n, "ciphertext"), b64(n, "context")))
                    .as((String) n.get("description"))
                    .isInstanceOf(SecureCellException.class);
        }
    }

    @Test
    void tokenProtectDecryptsEveryWasmThemisCell() throws Exception {
        Map<String, Object> file = Vectors.load("secure-cell-token-protect.json");
        for (Map<String, Object> c : Vectors.list(file, "cases")) {
            SecureCell.TokenProtect cell =
                    SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(b64(c, "key")));
            assertThat(cell.decrypt(b64(c, "encrypted"), b64(c, "token"), b64(c, "context")))
                    .as((String) c.get("description"))
                    .isEqualTo(b64(c, "plaintext"));
        }
    }

    @Test
    void tokenProtectRejectsEveryNegative() {
        Map<String, Object> file = Vectors.load("secure-cell-token-protect.json");
        for (Map<String, Object> n : Vectors.list(file, "negative")) {
            SecureCell.TokenProtect cell =
                    SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(b64(n, "key")));
            assertThatThrownBy(
                            () ->
                                    cell.decrypt(
                                            b64(n, "encrypted"),
                                            b64(n, "token"),
                                            b64(n, "context")))
                    .as((String) n.get("description"))
                    .isInstanceOf(SecureCellException.class);
        }
    }

    @Test
    void contextImprintReproducesEveryWasmThemisCiphertextExactly() {
        Map<String, Object> file = Vectors.load("secure-cell-context-imprint.json");
        for (Map<String, Object> c : Vectors.list(file, "cases")) {
            SecureCell.ContextImprint cell =
                    SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(b64(c, "key")));
            assertThat(cell.encrypt(b64(c, "plaintext"), b64(c, "context")))
                    .as((String) c.get("description"))
                    .isEqualTo(b64(c, "ciphertext"));
            assertThat(cell.decrypt(b64(c, "ciphertext"), b64(c, "context")))
                    .isEqualTo(b64(c, "plaintext"));
        }
    }

    @Test
    void contextImprintNegativesBehaveAsThemis() {
        Map<String, Object> file = Vectors.load("secure-cell-context-imprint.json");
        for (Map<String, Object> n : Vectors.list(file, "negative")) {
            SecureCell.ContextImprint cell =
                    SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(b64(n, "key")));
            if ("wrong_plaintext".equals(n.get("expected"))) {
                assertThat(cell.decrypt(b64(n, "ciphertext"), b64(n, "context")))
                        .isEqualTo(b64(n, "wasm_output"));
            } else {
                assertThatThrownBy(() -> cell.encrypt(b64(n, "plaintext"), b64(n, "context")))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
