package dev.parley.themis;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Round trips over sizes 0..64 KiB (empty input must be refused) and odd contexts. */
class RoundTripProperties {

    @Provide
    Arbitrary<byte[]> data() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(64),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(65536));
    }

    @Provide
    Arbitrary<byte[]> contexts() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(1024));
    }

    @Provide
    Arbitrary<byte[]> keys() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(100);
    }

    @Property(tries = 200)
    void sealWithKeyRoundTrips(
            @ForAll("keys") byte[] key,
            @ForAll("data") byte[] data,
            @ForAll("contexts") byte[] context)
            throws Exception {
        SecureCell.Seal cell = SecureCell.sealWithKey(SymmetricKey.fromBytes(key));
        if (data.length == 0) {
            assertThat(refused(() -> cell.encrypt(data, context))).isTrue();
            return;
        }
        byte[] sealed = cell.encrypt(data, context);
        assertThat(sealed).hasSize(data.length + 44);
        assertThat(cell.decrypt(sealed, context)).isEqualTo(data);
    }

    @Property(tries = 200)
    void tokenProtectRoundTrips(
            @ForAll("keys") byte[] key,
            @ForAll("data") byte[] data,
            @ForAll("contexts") byte[] context)
            throws Exception {
        SecureCell.TokenProtect cell = SecureCell.tokenProtectWithKey(SymmetricKey.fromBytes(key));
        if (data.length == 0) {
            assertThat(refused(() -> cell.encrypt(data, context))).isTrue();
            return;
        }
        SecureCellData out = cell.encrypt(data, context);
        assertThat(out.data()).hasSameSizeAs(data);
        assertThat(out.token()).hasSize(44);
        assertThat(cell.decrypt(out.data(), out.token(), context)).isEqualTo(data);
    }

    @Property(tries = 200)
    void contextImprintRoundTrips(
            @ForAll("keys") byte[] key,
            @ForAll("data") byte[] data,
            @ForAll @Size(min = 1, max = 300) byte[] context) {
        SecureCell.ContextImprint cell =
                SecureCell.contextImprintWithKey(SymmetricKey.fromBytes(key));
        if (data.length == 0) {
            assertThat(refused(() -> cell.encrypt(data, context))).isTrue();
            return;
        }
        byte[] enc = cell.encrypt(data, context);
        assertThat(enc).hasSameSizeAs(data);
        assertThat(cell.decrypt(enc, context)).isEqualTo(data);
    }

    @Property(tries = 3)
    void sealWithPassphraseRoundTrips(
            @ForAll @StringLength(min = 1, max = 40) String passphrase,
            @ForAll("data") byte[] data,
            @ForAll("contexts") byte[] context)
            throws Exception {
        SecureCell.Seal cell = SecureCell.sealWithPassphrase(passphrase);
        if (data.length == 0) {
            assertThat(refused(() -> cell.encrypt(data, context))).isTrue();
            return;
        }
        assertThat(cell.decrypt(cell.encrypt(data, context), context)).isEqualTo(data);
    }

    @Property(tries = 50)
    void secureMessageRoundTrips(@ForAll("data") byte[] data) throws Exception {
        KeyPair a = KeyPair.generate();
        KeyPair b = KeyPair.generate();
        if (data.length == 0) {
            assertThat(refused(() -> SecureMessage.sign(data, a.privateKey()))).isTrue();
            return;
        }
        byte[] enc = SecureMessage.encryption(a.privateKey(), b.publicKey()).encrypt(data);
        assertThat(SecureMessage.encryption(b.privateKey(), a.publicKey()).decrypt(enc))
                .isEqualTo(data);
        byte[] signed = SecureMessage.sign(data, a.privateKey());
        assertThat(SecureMessage.verify(signed, a.publicKey())).isEqualTo(data);
    }

    private static boolean refused(Runnable r) {
        try {
            r.run();
            return false;
        } catch (IllegalArgumentException expected) {
            return true;
        }
    }
}
