package dev.parley.themis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver itself: start-up, replies, typed errors, shutdown. */
class WasmThemisPeerTest {

    @Test
    void roundTripsASealThroughWasmThemis() {
        try (WasmThemisPeer peer = WasmThemisPeer.start()) {
            byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            byte[] msg = "hello".getBytes(StandardCharsets.US_ASCII);
            byte[] sealed = peer.sealEncrypt(key, msg, null);
            assertThat(sealed).hasSize(msg.length + 44);
            assertThat(peer.sealDecrypt(key, sealed, null)).isEqualTo(msg);
        }
    }

    @Test
    void themisFailureCarriesTheThemisErrorCode() {
        try (WasmThemisPeer peer = WasmThemisPeer.start()) {
            byte[] key = {1};
            byte[] sealed = peer.sealEncrypt(key, new byte[] {2, 3}, null);
            sealed[sealed.length - 1] ^= 1;
            assertThatThrownBy(() -> peer.sealDecrypt(key, sealed, null))
                    .isInstanceOfSatisfying(
                            WasmThemisException.class,
                            e -> assertThat(e.code()).isEqualTo(WasmThemisException.FAIL));
            assertThatThrownBy(
                            () ->
                                    peer.contextImprintEncrypt(
                                            new byte[] {1}, new byte[] {2}, new byte[0]))
                    .isInstanceOfSatisfying(
                            WasmThemisException.class,
                            e ->
                                    assertThat(e.code())
                                            .isEqualTo(WasmThemisException.INVALID_PARAMETER));
            // the peer survives errors
            assertThat(peer.generateKeyPair().publicKey()).hasSize(45);
        }
    }

    @Test
    void closedSessionHandleIsReportedNotCrashed() {
        try (WasmThemisPeer peer = WasmThemisPeer.start()) {
            WasmThemisPeer.RawKeyPair kp = peer.generateKeyPair();
            WasmSession s = peer.newSession(new byte[] {'a'}, kp.privateKey(), List.of());
            s.close();
            assertThatThrownBy(s::connectRequest).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(
                            () ->
                                    peer.call(
                                            new PeerJson.Command("ss_wrap")
                                                    .number("handle", 999)
                                                    .bytes("msg", new byte[] {1})))
                    .isInstanceOfSatisfying(
                            WasmThemisException.class,
                            e ->
                                    assertThat(e.code())
                                            .isEqualTo(WasmThemisException.NOT_A_THEMIS_ERROR));
        }
    }

    @Test
    void closeEndsTheNodeProcess() {
        WasmThemisPeer peer = WasmThemisPeer.start();
        assertThat(peer.isAlive()).isTrue();
        peer.close();
        assertThat(peer.isAlive()).isFalse();
        assertThatThrownBy(peer::generateKeyPair).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingWasmThemisFailsWithInstructions(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("peer.js"), "// not installed\n");
        assertThatThrownBy(() -> WasmThemisPeer.start(dir, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("npm ci");
    }

    @Test
    void missingNodeFailsWithInstructions() {
        Path dir = WasmThemisPeer.locatePeerDirectory();
        assertThatThrownBy(
                        () -> WasmThemisPeer.start(dir, Duration.ofSeconds(5), "/nonexistent/node"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot run Node");
    }

    @Test
    void peerThatDiesBeforeReadyFailsWithItsStderr(@TempDir Path dir) throws Exception {
        Path wasmDir = dir.resolve("node_modules/wasm-themis/dist");
        Files.createDirectories(wasmDir);
        Files.write(wasmDir.resolve("libthemis.wasm"), new byte[0]);
        Files.writeString(
                dir.resolve("peer.js"), "console.error('broken peer'); process.exit(3);\n");
        assertThatThrownBy(() -> WasmThemisPeer.start(dir, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited")
                .hasMessageContaining("broken peer");
    }

    @Test
    void acceptsOnlyJsonObjectsAsReplies() {
        assertThat(PeerJson.parseObject("{\"a\":\"x\\u00e9\",\"b\":true,\"c\":-3,\"d\":null}"))
                .containsEntry("a", "x\u00e9")
                .containsEntry("b", true)
                .containsEntry("c", -3L)
                .containsEntry("d", null);
        assertThatThrownBy(() -> PeerJson.parseObject("[1]"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerJson.parseObject("{\"a\":1} x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerJson.parseObject("{\"a\":\"x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandsAreOneLineOfJsonWithBase64Fields() {
        String line =
                new PeerJson.Command("ss_wrap")
                        .number("handle", 7)
                        .bytes("msg", new byte[] {(byte) 0xff, 0})
                        .optionalBytes("ctx", null)
                        .line();
        assertThat(line).isEqualTo("{\"cmd\":\"ss_wrap\",\"handle\":7,\"msg\":\"/wA=\"}");
        assertThat(Json.object(line)).containsEntry("handle", 7L);
    }
}
