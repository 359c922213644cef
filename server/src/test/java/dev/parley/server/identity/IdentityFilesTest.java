package dev.parley.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.connection.CloseReason;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFilesTest {
    @TempDir Path dir;

    @Test
    void serverKeyIsCreatedOnceThenReloaded() throws IOException {
        KeyPair first = ServerKeys.loadOrCreate(null, dir);
        KeyPair again = ServerKeys.loadOrCreate(null, dir);
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void brokenKeyFileErrorDoesNotEchoTheFile() throws IOException {
        Path f = dir.resolve("bad.key");
        Files.writeString(f, "c2VjcmV0LXN0dWZm\n");
        assertThatThrownBy(() -> ServerKeys.load(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("valid private key")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void authorizedKeysSkipCommentsAndNameBadLines() throws IOException {
        PublicKey k = KeyPair.generate().publicKey();
        AuthorizedKeys keys =
                AuthorizedKeys.parse(List.of("# comment", "", "ann " + k.toBase64()), "test");
        assertThat(keys.keyFor("ann")).isEqualTo(k);
        assertThat(keys.keyFor("bob")).isNull();
        assertThatThrownBy(() -> AuthorizedKeys.parse(List.of("ann"), "f"))
                .hasMessageContaining("f:1");
        assertThatThrownBy(() -> AuthorizedKeys.parse(List.of("# x", "ann AAAA"), "f"))
                .hasMessageContaining("f:2");
    }

    @Test
    void tofuBindsOnlyOnConfirmAndThenRefusesOtherKeys() {
        Map<String, PublicKey> store = new HashMap<>();
        TofuPolicy tofu =
                new TofuPolicy(
                        new TofuPolicy.Bindings() {
                            @Override
                            public PublicKey find(String name) {
                                return store.get(name);
                            }

                            @Override
                            public PublicKey bindIfAbsent(String name, PublicKey key) {
                                return store.computeIfAbsent(name, n -> key);
                            }
                        });
        PublicKey a = KeyPair.generate().publicKey();
        PublicKey b = KeyPair.generate().publicKey();
        assertThat(tofu.check("n", a)).isNull();
        assertThat(store).isEmpty(); // a hello alone never claims the name
        assertThat(tofu.confirm("n", a)).isNull();
        assertThat(tofu.check("n", b)).isEqualTo(CloseReason.NAME_TAKEN);
        assertThat(tofu.confirm("n", b)).isEqualTo(CloseReason.NAME_TAKEN);
        assertThat(tofu.check("n", a)).isNull();
    }
}
