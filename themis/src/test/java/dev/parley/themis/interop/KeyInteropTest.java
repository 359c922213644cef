package dev.parley.themis.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureMessage;
import dev.parley.themis.testing.WasmThemisPeer;
import dev.parley.themis.testing.WasmThemisPeer.RawKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** EC P-256 key containers are interchangeable between this implementation and WasmThemis. */
class KeyInteropTest {
    private static final int PAIRS = 12;
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

    @Test
    void wasmGeneratedKeyPairsParseAndMatchInJava() throws Exception {
        for (int i = 0; i < PAIRS; i++) {
            RawKeyPair pair = wasm.generateKeyPair();
            PrivateKey priv = PrivateKey.fromBytes(pair.privateKey());
            PublicKey pub = PublicKey.fromBytes(pair.publicKey());
            assertThat(priv.publicKey())
                    .as("public key derived in Java from the Wasm private key")
                    .isEqualTo(pub);
            assertThat(priv.toByteArray()).isEqualTo(pair.privateKey());
            assertThat(pub.toByteArray()).isEqualTo(pair.publicKey());
            assertThat(priv.publicKey().toByteArray()).isEqualTo(pair.publicKey());
        }
    }

    @Test
    void javaGeneratedKeysSignInWasmAndVerifyInJava() throws Exception {
        for (int i = 0; i < PAIRS; i++) {
            KeyPair java = KeyPair.generate();
            byte[] message = random.bytes(random.messageLength(512));
            byte[] signed = wasm.sign(java.privateKey().toByteArray(), message);
            String what = random.describe("Wasm signature with a Java private key", i);
            assertThat(SecureMessage.verify(signed, java.publicKey())).as(what).isEqualTo(message);
            assertThat(wasm.verify(java.publicKey().toByteArray(), signed))
                    .as(what)
                    .isEqualTo(message);
        }
    }

    @Test
    void javaSignaturesWithJavaKeysVerifyInWasm() {
        for (int i = 0; i < PAIRS; i++) {
            KeyPair java = KeyPair.generate();
            byte[] message = random.bytes(random.messageLength(512));
            byte[] signed = SecureMessage.sign(message, java.privateKey());
            assertThat(wasm.verify(java.publicKey().toByteArray(), signed))
                    .as(
                            random.describe(
                                    "Java signature verified in Wasm with the Java public key", i))
                    .isEqualTo(message);
        }
    }

    @Test
    void wasmKeysSignInJavaAndVerifyInWasm() throws Exception {
        for (int i = 0; i < PAIRS; i++) {
            RawKeyPair pair = wasm.generateKeyPair();
            byte[] message = random.bytes(random.messageLength(512));
            byte[] signed = SecureMessage.sign(message, PrivateKey.fromBytes(pair.privateKey()));
            assertThat(wasm.verify(pair.publicKey(), signed))
                    .as(random.describe("Java signature with a Wasm private key", i))
                    .isEqualTo(message);
        }
    }
}
