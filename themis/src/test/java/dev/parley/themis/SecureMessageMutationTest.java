package dev.parley.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecureMessageMutationTest {
    private static final KeyPair ALICE = KeyPair.generate();
    private static final KeyPair BOB = KeyPair.generate();
    private static final byte[] MESSAGE =
            "meet me at the usual place".getBytes(StandardCharsets.UTF_8);

    @Test
    void encryptedMessageRejectsEveryFlippedByteAndTruncation() throws Exception {
        byte[] enc = SecureMessage.encryption(ALICE.privateKey(), BOB.publicKey()).encrypt(MESSAGE);
        SecureMessage bob = SecureMessage.encryption(BOB.privateKey(), ALICE.publicKey());
        assertThat(bob.decrypt(enc)).isEqualTo(MESSAGE);
        for (int i = 0; i < enc.length; i++) {
            byte[] bad = enc.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> bob.decrypt(bad))
                    .as("byte %d", i)
                    .isInstanceOf(SecureMessageException.class);
        }
        for (int len = 0; len < enc.length; len++) {
            byte[] cut = Arrays.copyOf(enc, len);
            assertThatThrownBy(() -> bob.decrypt(cut)).isInstanceOf(SecureMessageException.class);
        }
        assertThatThrownBy(() -> bob.decrypt(Arrays.copyOf(enc, enc.length + 1)))
                .isInstanceOf(SecureMessageException.class);
    }

    @Test
    void signedMessageRejectsEveryFlippedByteAndTruncation() throws Exception {
        byte[] signed = SecureMessage.sign(MESSAGE, ALICE.privateKey());
        assertThat(SecureMessage.verify(signed, ALICE.publicKey())).isEqualTo(MESSAGE);
        for (int i = 0; i < signed.length; i++) {
            byte[] bad = signed.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> SecureMessage.verify(bad, ALICE.publicKey()))
                    .as("byte %d", i)
                    .isInstanceOf(SecureMessageException.class);
        }
        for (int len = 0; len < signed.length; len++) {
            byte[] cut = Arrays.copyOf(signed, len);
            assertThatThrownBy(() -> SecureMessage.verify(cut, ALICE.publicKey()))
                    .isInstanceOf(SecureMessageException.class);
        }
    }

    @Test
    void rejectsWrongKeys() {
        byte[] enc = SecureMessage.encryption(ALICE.privateKey(), BOB.publicKey()).encrypt(MESSAGE);
        KeyPair carol = KeyPair.generate();
        assertThatThrownBy(
                        () ->
                                SecureMessage.encryption(carol.privateKey(), ALICE.publicKey())
                                        .decrypt(enc))
                .isInstanceOf(SecureMessageException.class);
        byte[] signed = SecureMessage.sign(MESSAGE, ALICE.privateKey());
        assertThatThrownBy(() -> SecureMessage.verify(signed, carol.publicKey()))
                .isInstanceOf(SecureMessageException.class);
    }

    @Test
    void misuseIsAnUncheckedException() {
        assertThatThrownBy(() -> SecureMessage.sign(new byte[0], ALICE.privateKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                SecureMessage.encryption(ALICE.privateKey(), BOB.publicKey())
                                        .encrypt(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
