package dev.parley.themis.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SecureSessionException;
import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class NegotiationMessagesTest {
    private static final byte[] ID = "alice".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger KEY = P256.randomScalar();
    private static final ECPoint POINT = P256.publicPoint(KEY);
    private static final byte[] SIGNATURE = P256.sign(KEY, new byte[] {1});

    private static byte[] hello(byte[] id, byte[] ephemeralContainer, byte[] signature) {
        return NegotiationMessages.buildHello(id, ephemeralContainer, signature);
    }

    private static byte[] compressedKey() {
        return SoterContainer.build("UEC2", POINT.getEncoded(true));
    }

    @Test
    void helloRoundTrips() throws Exception {
        NegotiationMessages.Hello h =
                NegotiationMessages.parseHello(hello(ID, compressedKey(), SIGNATURE));
        assertThat(h.id()).isEqualTo(ID);
        assertThat(h.ephemeralKey()).isEqualTo(compressedKey());
        assertThat(h.ephemeralPoint()).isEqualTo(POINT);
        assertThat(h.signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void uncompressedEphemeralKeyIsAcceptedAsThemis015Does() throws Exception {
        byte[] uncompressed = SoterContainer.build("UEC2", POINT.getEncoded(false));
        NegotiationMessages.Hello h =
                NegotiationMessages.parseHello(hello(ID, uncompressed, SIGNATURE));
        assertThat(h.ephemeralKey()).hasSize(77);
        assertThat(h.ephemeralPoint()).isEqualTo(POINT);
    }

    @Test
    void ephemeralKeyOffTheCurveIsRejected() {
        byte[] raw = POINT.getEncoded(false);
        raw[64] ^= 1;
        byte[] offCurve = SoterContainer.build("UEC2", raw);
        assertThatThrownBy(() -> NegotiationMessages.parseHello(hello(ID, offCurve, SIGNATURE)))
                .isInstanceOf(SecureSessionException.class);
        byte[] x = new byte[33];
        x[0] = 2;
        x[32] = (byte) firstXNotOnCurve();
        byte[] noSuchX = SoterContainer.build("UEC2", x);
        assertThatThrownBy(() -> NegotiationMessages.parseHello(hello(ID, noSuchX, SIGNATURE)))
                .isInstanceOf(SecureSessionException.class);
    }

    @Test
    void otherCurvesAndWrongTagsAreRejected() {
        byte[] p384Tag = SoterContainer.build("UEC3", POINT.getEncoded(true));
        assertThatThrownBy(() -> NegotiationMessages.parseHello(hello(ID, p384Tag, SIGNATURE)))
                .isInstanceOf(SecureSessionException.class);
        byte[] wrongIdTag =
                SoterContainer.build(
                        "TSPM",
                        concat(SoterContainer.build("TSIX", ID), compressedKey(), SIGNATURE));
        assertThatThrownBy(() -> NegotiationMessages.parseHello(wrongIdTag))
                .isInstanceOf(SecureSessionException.class);
        byte[] wrongOuterTag = hello(ID, compressedKey(), SIGNATURE);
        wrongOuterTag[3] = 'X';
        byte[] rebuilt =
                SoterContainer.build(
                        "TSPX", Arrays.copyOfRange(wrongOuterTag, 12, wrongOuterTag.length));
        assertThatThrownBy(() -> NegotiationMessages.parseHello(rebuilt))
                .isInstanceOf(SecureSessionException.class);
    }

    @Test
    void emptyIdAndImpossibleSignatureLengthsAreRejected() {
        assertThatThrownBy(
                        () ->
                                NegotiationMessages.parseHello(
                                        hello(new byte[0], compressedKey(), SIGNATURE)))
                .isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(
                        () ->
                                NegotiationMessages.parseHello(
                                        hello(ID, compressedKey(), new byte[0])))
                .isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(
                        () ->
                                NegotiationMessages.parseHello(
                                        hello(ID, compressedKey(), new byte[73])))
                .isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(
                        () ->
                                NegotiationMessages.parseClientFinish(
                                        NegotiationMessages.buildClientFinish(
                                                new byte[0], new byte[32])))
                .isInstanceOf(SecureSessionException.class);
    }

    @Test
    void clientFinishSplitsSignatureAndMac() throws Exception {
        byte[] mac = new byte[32];
        Arrays.fill(mac, (byte) 7);
        NegotiationMessages.ClientFinish f =
                NegotiationMessages.parseClientFinish(
                        NegotiationMessages.buildClientFinish(SIGNATURE, mac));
        assertThat(f.signature()).isEqualTo(SIGNATURE);
        assertThat(f.mac()).isEqualTo(mac);
    }

    @Test
    void serverFinishMustBeExactlyOneMac() throws Exception {
        byte[] mac = new byte[32];
        assertThat(
                        NegotiationMessages.parseServerFinish(
                                NegotiationMessages.buildServerFinish(mac)))
                .isEqualTo(mac);
        for (int len : new int[] {0, 16, 31, 33, 64}) {
            byte[] m4 = NegotiationMessages.buildServerFinish(new byte[len]);
            assertThatThrownBy(() -> NegotiationMessages.parseServerFinish(m4))
                    .isInstanceOf(SecureSessionException.class);
        }
    }

    /** The smallest x for which x³ − 3x + b is not a square mod p (Euler's criterion). */
    private static int firstXNotOnCurve() {
        BigInteger p =
                new BigInteger(
                        "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
        BigInteger b =
                new BigInteger(
                        "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
        for (int x = 1; ; x++) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger rhs = bx.pow(3).subtract(bx.multiply(BigInteger.valueOf(3))).add(b).mod(p);
            if (rhs.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p)
                    .equals(p.subtract(BigInteger.ONE))) {
                return x;
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        return dev.parley.themis.internal.util.Bytes.concat(parts);
    }
}
