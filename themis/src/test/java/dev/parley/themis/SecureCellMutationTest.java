package dev.parley.themis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every single-byte change and every truncation of an authenticated cell is rejected. */
class SecureCellMutationTest {
    private static final byte[] PLAINTEXT =
            "the quick brown fox jumps".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "room:main#42".getBytes(StandardCharsets.UTF_8);
    private static final SymmetricKey KEY = SymmetricKey.generate();

    @Test
    void sealWithKeyRejectsEveryFlippedByteAndEveryTruncation() throws Exception {
        SecureCell.Seal cell = SecureCell.sealWithKey(KEY);
        byte[] sealed = cell.encrypt(PLAINTEXT, CONTEXT);
        assertThat(cell.decrypt(sealed, CONTEXT)).isEqualTo(PLAINTEXT);
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = sealed.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> cell.decrypt(bad, CONTEXT))
                        .as("byte %d bit %d", i, bit)
                        .isInstanceOf(SecureCellException.class);
            }
        }
        for (int len = 0; len < sealed.length; len++) {
            byte[] cut = Arrays.copyOf(sealed, len);
            assertThatThrownBy(() -> cell.decrypt(cut, CONTEXT))
                    .isInstanceOf(SecureCellException.class);
        }
    }

    @Test
    void tokenProtectRejectsEveryFlippedByteInDataAndToken() throws Exception {
        SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(KEY);
        SecureCellData out = cell.encrypt(PLAINTEXT, CONTEXT);
        byte[] data = out.data();
        byte[] token = out.token();
        for (int i = 0; i < data.length; i++) {
            byte[] bad = data.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> cell.decrypt(bad, token, CONTEXT))
                    .isInstanceOf(SecureCellException.class);
        }
        for (int i = 0; i < token.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = token.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> cell.decrypt(data, bad, CONTEXT))
                        .as("token byte %d bit %d", i, bit)
                        .isInstanceOf(SecureCellException.class);
            }
        }
        for (int len = 0; len < token.length; len++) {
            byte[] cut = Arrays.copyOf(token, len);
            assertThatThrownBy(() -> cell.decrypt(data, cut, CONTEXT))
                    .isInstanceOf(SecureCellException.class);
        }
        assertThatThrownBy(() -> cell.decrypt(Arrays.copyOf(data, data.length - 1), token, CONTEXT))
                .isInstanceOf(SecureCellException.class);
    }

    @Test
    void sealWithPassphraseRejectsFlippedBytesInEveryTokenField() throws Exception {
        SecureCell.Seal cell = SecureCell.sealWithPassphrase("pässwörd");
        byte[] sealed = cell.encrypt(PLAINTEXT, CONTEXT);
        // every byte of the 70-byte token and the first/last ciphertext bytes (each try costs
        // PBKDF2)
        for (int i :
                new int[] {
                    0,
                    1,
                    3,
                    4,
                    8,
                    12,
                    16,
                    20,
                    31,
                    32,
                    47,
                    48,
                    50,
                    52,
                    53,
                    54,
                    69,
                    70,
                    sealed.length - 1
                }) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> cell.decrypt(bad, CONTEXT))
                    .as("byte %d", i)
                    .isInstanceOf(SecureCellException.class);
        }
        assertThat(cell.decrypt(sealed, CONTEXT)).isEqualTo(PLAINTEXT);
    }

    @Test
    void rejectsHostilePbkdf2IterationCountWithoutRunningIt() {
        SecureCell.Seal cell = SecureCell.sealWithPassphrase("pw");
        byte[] sealed = cell.encrypt(PLAINTEXT);
        // iterations field at offset 48: 0xFFFFFFFF would take hours
        sealed[48] = (byte) 0xFF;
        sealed[49] = (byte) 0xFF;
        sealed[50] = (byte) 0xFF;
        sealed[51] = (byte) 0xFF;
        long start = System.nanoTime();
        assertThatThrownBy(() -> cell.decrypt(sealed)).isInstanceOf(SecureCellException.class);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void rejectsWrongKeyAndMissingOrExtraContext() {
        SecureCell.Seal cell = SecureCell.sealWithKey(KEY);
        byte[] withCtx = cell.encrypt(PLAINTEXT, CONTEXT);
        byte[] without = cell.encrypt(PLAINTEXT);
        assertThatThrownBy(() -> cell.decrypt(withCtx)).isInstanceOf(SecureCellException.class);
        assertThatThrownBy(() -> cell.decrypt(without, CONTEXT))
                .isInstanceOf(SecureCellException.class);
        assertThatThrownBy(() -> SecureCell.sealWithKey(SymmetricKey.generate()).decrypt(without))
                .isInstanceOf(SecureCellException.class);
    }

    @Test
    void rejectsHugeLengthFieldsWithoutAllocating() {
        SecureCell.Seal cell = SecureCell.sealWithKey(KEY);
        byte[] sealed = cell.encrypt(PLAINTEXT);
        for (int field : new int[] {4, 8, 12}) {
            byte[] bad = sealed.clone();
            bad[field] = (byte) 0xFF;
            bad[field + 1] = (byte) 0xFF;
            bad[field + 2] = (byte) 0xFF;
            bad[field + 3] = (byte) 0x7F;
            assertThatThrownBy(() -> cell.decrypt(bad)).isInstanceOf(SecureCellException.class);
        }
    }

    @Test
    void misuseIsAnUncheckedException() {
        assertThatThrownBy(() -> SecureCell.sealWithKey(KEY).encrypt(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SymmetricKey.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecureCell.sealWithPassphrase(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecureCell.contextImprintWithKey(KEY).encrypt(PLAINTEXT, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecureCell.sealWithKey(KEY).decrypt(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void contextImprintIsDeterministicAndLengthPreserving() {
        SecureCell.ContextImprint cell = SecureCell.contextImprintWithKey(KEY);
        byte[] a = cell.encrypt(PLAINTEXT, CONTEXT);
        assertThat(a)
                .hasSameSizeAs(PLAINTEXT)
                .isEqualTo(cell.encrypt(PLAINTEXT, CONTEXT))
                .isNotEqualTo(PLAINTEXT);
        assertThat(cell.decrypt(a, CONTEXT)).isEqualTo(PLAINTEXT);
    }
}
