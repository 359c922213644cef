package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {
    @TempDir Path dir;

    @Test
    void firstKeyIsPinnedAndAcceptedAgain() throws Exception {
        KnownServers known = new KnownServers(dir.resolve("sub/known_servers"));
        PublicKey key = KeyPair.generate().publicKey();
        assertThat(known.lookup("Host:80")).isEmpty();
        assertThat(known.verifyOrPin("Host:80", key)).isTrue();
        assertThat(known.verifyOrPin("host:80", key)).isFalse();
        assertThat(known.lookup("host:80")).contains(key);
        assertThat(Files.readString(known.file(), StandardCharsets.UTF_8))
                .isEqualTo("host:80 " + key.toBase64() + "\n");
    }

    @Test
    void changedKeyIsRefusedLoudlyWithBothFingerprints() throws Exception {
        KnownServers known = new KnownServers(dir.resolve("known_servers"));
        PublicKey old = KeyPair.generate().publicKey();
        PublicKey attacker = KeyPair.generate().publicKey();
        known.verifyOrPin("chat:8080", old);
        assertThatThrownBy(() -> known.verifyOrPin("chat:8080", attacker))
                .isInstanceOf(ServerKeyChangedException.class)
                .hasMessageContaining("HAS CHANGED")
                .hasMessageContaining(old.fingerprint())
                .hasMessageContaining(attacker.fingerprint());
        assertThat(known.lookup("chat:8080")).contains(old);
    }

    @Test
    void otherServersAndCommentsAreIgnored() throws Exception {
        Path file = dir.resolve("known_servers");
        PublicKey a = KeyPair.generate().publicKey();
        Files.writeString(
                file,
                "# pinned\n\nother:1 "
                        + KeyPair.generate().publicKey().toBase64()
                        + "\nmine:2 "
                        + a.toBase64()
                        + "\n");
        assertThat(new KnownServers(file).lookup("mine:2")).contains(a);
    }

    @Test
    void malformedLineIsAnErrorNotATrustDecision() throws Exception {
        Path file = dir.resolve("known_servers");
        Files.writeString(file, "mine:2 notbase64!!\n");
        assertThatThrownBy(() -> new KnownServers(file).lookup("mine:2"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("line 1");
    }
}
