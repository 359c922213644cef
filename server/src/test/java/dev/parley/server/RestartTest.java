package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.identity.ServerKeys;
import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.RunningServer;
import dev.parley.themis.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Embedded storage across restarts: TOFU bindings, history, the server key. */
@Timeout(90)
class RestartTest {
    @TempDir Path dir;

    @Test
    void restartKeepsTofuBindingsHistoryAndServerKey() throws Exception {
        KeyPair alice = KeyPair.generate();
        String serverKey;
        try (RunningServer s = RunningServer.start(dir, null, b -> b)) {
            serverKey = s.key().toBase64();
            ChatClient a = s.v1("alice", alice);
            a.say("before restart");
            assertThat(a.awaitLine("<alice> before restart")).isNotNull();
            // under tofu a second key is refused while the first is bound
            ChatClient thief =
                    s.track(
                            ChatClient.open(
                                    s.port(),
                                    ChatClient.Protocol.V1,
                                    "alice",
                                    "alice",
                                    KeyPair.generate(),
                                    s.key()));
            ChatClient.Incoming c = thief.awaitClose(ChatClient.WAIT);
            assertThat(c.closeCode()).isEqualTo(1008);
            assertThat(c.closeReason()).contains("another key");
        }
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(
                                        dir.resolve(ServerKeys.PRIVATE_KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(ServerKeys.PUBLIC_KEY_FILE)).strip())
                .isEqualTo(serverKey);

        try (RunningServer s = RunningServer.start(dir, null, b -> b)) {
            assertThat(s.key().toBase64()).isEqualTo(serverKey);
            ChatClient thief =
                    s.track(
                            ChatClient.open(
                                    s.port(),
                                    ChatClient.Protocol.V1,
                                    "alice",
                                    "alice",
                                    KeyPair.generate(),
                                    s.key()));
            ChatClient.Incoming c = thief.awaitClose(ChatClient.WAIT);
            assertThat(c.closeCode()).isEqualTo(1008);
            assertThat(c.closeReason()).contains("another key");

            ChatClient a = s.v1("alice", alice);
            assertThat(a.awaitLine("<alice> before restart")).isNotNull();
        }
    }

    @Test
    void explicitKeyFileIsUsed() throws Exception {
        KeyPair keys = KeyPair.generate();
        Path keyFile = dir.resolve("my.key");
        Files.writeString(
                keyFile,
                java.util.Base64.getEncoder().encodeToString(keys.privateKey().toByteArray())
                        + "\n");
        try (RunningServer s =
                RunningServer.start(dir.resolve("data"), null, b -> b.keyFile(keyFile))) {
            assertThat(s.key()).isEqualTo(keys.publicKey());
            ChatClient a = s.v1("zed");
            assertThat(a.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT)).isNotNull();
        }
        assertThat(dir.resolve("data").resolve(ServerKeys.PRIVATE_KEY_FILE)).doesNotExist();
    }

    @Test
    void closedPolicyAdmitsOnlyListedKeys() throws Exception {
        KeyPair listed = KeyPair.generate();
        Path auth = dir.resolve("authorized_keys");
        Files.writeString(auth, "# team\numa " + listed.publicKey().toBase64() + "\n\n");
        try (RunningServer s =
                RunningServer.start(
                        dir,
                        null,
                        b -> b.identityPolicy(IdentityPolicy.CLOSED).authorizedKeys(auth))) {
            ChatClient uma = s.v1("uma", listed);
            assertThat(uma.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT)).isNotNull();
            ChatClient other =
                    s.track(
                            ChatClient.open(
                                    s.port(),
                                    ChatClient.Protocol.V1,
                                    "vic",
                                    "vic",
                                    KeyPair.generate(),
                                    s.key()));
            ChatClient.Incoming c = other.awaitClose(ChatClient.WAIT);
            assertThat(c.closeCode()).isEqualTo(1008);
            assertThat(c.closeReason()).contains("authorized");
        }
    }
}
