package dev.parley.themis.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellData;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.SymmetricKey;
import dev.parley.themis.testing.WasmThemisException;
import dev.parley.themis.testing.WasmThemisPeer;
import dev.parley.themis.testing.WasmThemisPeer.TokenProtected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secure Cell, all four modes, against WasmThemis in both directions on random keys, plaintexts
 * (1..4096 bytes) and contexts (none as null, none as empty, random).
 */
class SecureCellInteropTest {
    private static final int KEY_CASES = 40;

    /** PBKDF2 with 314,110 iterations costs ~0.3 s per operation on each side. */
    private static final int PASSPHRASE_CASES = 6;

    private static final int MAX_MESSAGE = 4096;
    private static final String[] PASSPHRASE_STEMS = {
        "correct horse battery staple", "пароль-Київ", "パスワード", "mot de passe à l'été",
        "🔐 emoji key 👋", "x", "Grüße, Jürgen ß", "\u0000nul inside",
    };

    private static WasmThemisPeer wasm;
    private final InteropRandom random = InteropRandom.create();

    @BeforeAll
    static void startPeer() {
        wasm = WasmThemisPeer.start();
    }

    @AfterAll
    static void stopPeer() {
        if (wasm != null) {
            wasm.close();
        }
    }

    // ---- Seal with key ----

    @Test
    void sealWithKeyFromJavaDecryptsInWasm() {
        for (int i = 0; i < KEY_CASES; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.optionalContext();
            byte[] cell =
                    SecureCell.sealWithKey(SymmetricKey.fromBytes(key)).encrypt(plain, context);
            assertThat(wasm.sealDecrypt(key, cell, context))
                    .as(random.describe("Java seal -> Wasm, " + plain.length + " bytes", i))
                    .isEqualTo(plain);
        }
    }

    @Test
    void sealWithKeyFromWasmDecryptsInJava() throws SecureCellException {
        for (int i = 0; i < KEY_CASES; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.optionalContext();
            byte[] cell = wasm.sealEncrypt(key, plain, context);
            assertThat(SecureCell.sealWithKey(SymmetricKey.fromBytes(key)).decrypt(cell, context))
                    .as(random.describe("Wasm seal -> Java, " + plain.length + " bytes", i))
                    .isEqualTo(plain);
        }
    }

    @Test
    void tamperedSealIsRejectedByTheOtherSide() throws Exception {
        for (int i = 0; i < 10; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(256));
            byte[] context = random.optionalContext();
            SecureCell.Seal java = SecureCell.sealWithKey(SymmetricKey.fromBytes(key));
            byte[] fromJava = random.flipOneBit(java.encrypt(plain, context));
            assertThatThrownBy(
                            () -> wasm.sealDecrypt(key, fromJava, context),
                            "%s",
                            random.describe("tampered Java seal", i))
                    .isInstanceOf(WasmThemisException.class);
            byte[] fromWasm = random.flipOneBit(wasm.sealEncrypt(key, plain, context));
            assertThatThrownBy(
                            () -> java.decrypt(fromWasm, context),
                            "%s",
                            random.describe("tampered Wasm seal", i))
                    .isInstanceOf(SecureCellException.class);
        }
    }

    @Test
    void sealWithKeyAndWrongContextIsRejectedBothWays() {
        byte[] key = random.symmetricKey();
        byte[] plain = random.bytes(100);
        SecureCell.Seal java = SecureCell.sealWithKey(SymmetricKey.fromBytes(key));
        byte[] fromJava = java.encrypt(plain, new byte[] {'a'});
        assertThatThrownBy(() -> wasm.sealDecrypt(key, fromJava, new byte[] {'b'}))
                .isInstanceOfSatisfying(
                        WasmThemisException.class,
                        e -> assertThat(e.code()).isEqualTo(WasmThemisException.FAIL));
        byte[] fromWasm = wasm.sealEncrypt(key, plain, new byte[] {'a'});
        assertThatThrownBy(() -> java.decrypt(fromWasm, null))
                .isInstanceOf(SecureCellException.class);
    }

    // ---- Seal with passphrase ----

    @Test
    void sealWithPassphraseFromJavaDecryptsInWasm() {
        for (int i = 0; i < PASSPHRASE_CASES; i++) {
            String passphrase = passphrase(i);
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.optionalContext();
            byte[] cell = SecureCell.sealWithPassphrase(passphrase).encrypt(plain, context);
            assertThat(wasm.sealDecryptWithPassphrase(passphrase, cell, context))
                    .as(random.describe("Java passphrase seal -> Wasm, passphrase #" + i, i))
                    .isEqualTo(plain);
        }
    }

    @Test
    void sealWithPassphraseFromWasmDecryptsInJava() throws SecureCellException {
        for (int i = 0; i < PASSPHRASE_CASES; i++) {
            String passphrase = passphrase(i + 2);
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.optionalContext();
            byte[] cell = wasm.sealEncryptWithPassphrase(passphrase, plain, context);
            assertThat(SecureCell.sealWithPassphrase(passphrase).decrypt(cell, context))
                    .as(random.describe("Wasm passphrase seal -> Java, passphrase #" + (i + 2), i))
                    .isEqualTo(plain);
        }
    }

    @Test
    void sealWithWrongPassphraseIsRejectedBothWays() {
        byte[] plain = random.bytes(50);
        byte[] fromJava = SecureCell.sealWithPassphrase("пароль").encrypt(plain, null);
        assertThatThrownBy(() -> wasm.sealDecryptWithPassphrase("парол", fromJava, null))
                .isInstanceOf(WasmThemisException.class);
        byte[] fromWasm = wasm.sealEncryptWithPassphrase("пароль", plain, null);
        assertThatThrownBy(() -> SecureCell.sealWithPassphrase("Пароль").decrypt(fromWasm, null))
                .isInstanceOf(SecureCellException.class);
    }

    private String passphrase(int index) {
        String stem = PASSPHRASE_STEMS[index % PASSPHRASE_STEMS.length];
        return random.coin() ? stem : stem + " " + random.between(0, 1_000_000);
    }

    // ---- Token Protect ----

    @Test
    void tokenProtectFromJavaDecryptsInWasm() {
        for (int i = 0; i < KEY_CASES; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.optionalContext();
            SecureCellData cell =
                    SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(key))
                            .encrypt(plain, context);
            String what =
                    random.describe("Java token protect -> Wasm, " + plain.length + " bytes", i);
            assertThat(cell.data()).as(what).hasSameSizeAs(plain);
            assertThat(wasm.tokenProtectDecrypt(key, cell.data(), cell.token(), context))
                    .as(what)
                    .isEqualTo(plain);
        }
    }

    @Test
    void tokenProtectFromWasmDecryptsInJava() throws SecureCellException {
        for (int i = 0; i < KEY_CASES; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.optionalContext();
            TokenProtected cell = wasm.tokenProtectEncrypt(key, plain, context);
            SecureCell.TokenProtect java =
                    SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(key));
            assertThat(java.decrypt(cell.data(), cell.token(), context))
                    .as(
                            random.describe(
                                    "Wasm token protect -> Java, " + plain.length + " bytes", i))
                    .isEqualTo(plain);
        }
    }

    @Test
    void tamperedTokenProtectIsRejectedByTheOtherSide() {
        for (int i = 0; i < 10; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(256));
            byte[] context = random.optionalContext();
            SecureCell.TokenProtect java =
                    SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(key));
            SecureCellData fromJava = java.encrypt(plain, context);
            boolean flipToken = random.coin();
            byte[] data = flipToken ? fromJava.data() : random.flipOneBit(fromJava.data());
            byte[] token = flipToken ? random.flipOneBit(fromJava.token()) : fromJava.token();
            assertThatThrownBy(
                            () -> wasm.tokenProtectDecrypt(key, data, token, context),
                            "%s",
                            random.describe("tampered Java token protect", i))
                    .isInstanceOf(WasmThemisException.class);
            TokenProtected fromWasm = wasm.tokenProtectEncrypt(key, plain, context);
            byte[] wasmData = flipToken ? fromWasm.data() : random.flipOneBit(fromWasm.data());
            byte[] wasmToken = flipToken ? random.flipOneBit(fromWasm.token()) : fromWasm.token();
            assertThatThrownBy(
                            () -> java.decrypt(wasmData, wasmToken, context),
                            "%s",
                            random.describe("tampered Wasm token protect", i))
                    .isInstanceOf(SecureCellException.class);
        }
    }

    // ---- Context Imprint ----

    @Test
    void contextImprintOutputIsIdenticalToWasm() {
        for (int i = 0; i < KEY_CASES; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(MAX_MESSAGE));
            byte[] context = random.context();
            SecureCell.ContextImprint java =
                    SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(key));
            byte[] fromJava = java.encrypt(plain, context);
            byte[] fromWasm = wasm.contextImprintEncrypt(key, plain, context);
            String what = random.describe("Context Imprint, " + plain.length + " bytes", i);
            assertThat(fromJava).as(what).isEqualTo(fromWasm);
            assertThat(wasm.contextImprintDecrypt(key, fromJava, context))
                    .as(what)
                    .isEqualTo(plain);
            assertThat(java.decrypt(fromWasm, context)).as(what).isEqualTo(plain);
        }
    }

    @Test
    void contextImprintWithWrongContextGivesTheSameWrongBytesAsWasm() {
        for (int i = 0; i < 5; i++) {
            byte[] key = random.symmetricKey();
            byte[] plain = random.bytes(random.messageLength(512));
            byte[] encrypted = wasm.contextImprintEncrypt(key, plain, random.context());
            byte[] otherContext = random.context();
            SecureCell.ContextImprint java =
                    SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(key));
            byte[] fromJava = java.decrypt(encrypted, otherContext);
            String what = random.describe("Context Imprint decrypted with another context", i);
            assertThat(fromJava)
                    .as(what)
                    .isEqualTo(wasm.contextImprintDecrypt(key, encrypted, otherContext));
            assertThat(fromJava).as(what).isNotEqualTo(plain);
        }
    }
}
