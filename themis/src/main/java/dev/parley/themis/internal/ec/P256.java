package dev.parley.themis.internal.ec;

import dev.parley.themis.internal.util.Csprng;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * NIST P-256 through BouncyCastle's lightweight API (never registered as a JCA provider): key
 * generation, point decoding, DER ECDSA-SHA256 and ECDH (X coordinate).
 *
 * <p>Thread-safe: every method is stateless apart from BouncyCastle's internal caches.
 */
public final class P256 {
    public static final int SCALAR_LENGTH = 32;
    public static final int COMPRESSED_POINT_LENGTH = 33;
    public static final int UNCOMPRESSED_POINT_LENGTH = 65;

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(
                    CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH(), CURVE.getSeed());
    private static final BigInteger N = CURVE.getN();
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    private P256() {}

    /** A fresh random scalar in [1, n). */
    public static BigInteger randomScalar() {
        while (true) {
            BigInteger d = new BigInteger(1, Csprng.bytes(SCALAR_LENGTH));
            if (d.signum() > 0 && d.compareTo(N) < 0) {
                return d;
            }
        }
    }

    public static boolean isValidScalar(BigInteger d) {
        return d.signum() > 0 && d.compareTo(N) < 0;
    }

    /** d·G, normalised. */
    public static ECPoint publicPoint(BigInteger d) {
        return BASE_MULTIPLIER.multiply(DOMAIN.getG(), d).normalize();
    }

    /**
     * Decodes an X9.62 point (compressed or uncompressed) and checks it is on the curve and not the
     * point at infinity.
     *
     * @throws IllegalArgumentException if the encoding or point is invalid
     */
    public static ECPoint decodePoint(byte[] encoded, int offset, int length) {
        if (length != COMPRESSED_POINT_LENGTH && length != UNCOMPRESSED_POINT_LENGTH) {
            throw new IllegalArgumentException("P-256 point must be 33 or 65 bytes");
        }
        byte[] copy = new byte[length];
        System.arraycopy(encoded, offset, copy, 0, length);
        ECPoint p = DOMAIN.getCurve().decodePoint(copy).normalize();
        if (p.isInfinity() || !p.isValid()) {
            throw new IllegalArgumentException("point is not on P-256");
        }
        return p;
    }

    /**
     * A copy of {@code p} that shares no cached precomputation with it. BouncyCastle keeps the
     * tables it builds for a scalar multiplication on the point object itself (several KiB), so a
     * long-lived key object used once in a handshake would hold them for its whole life; a detached
     * copy lets them go with the handshake.
     */
    public static ECPoint detach(ECPoint p) {
        ECPoint n = p.normalize();
        return DOMAIN.getCurve()
                .createPoint(
                        n.getAffineXCoord().toBigInteger(), n.getAffineYCoord().toBigInteger());
    }

    public static byte[] encodeCompressed(ECPoint p) {
        return p.getEncoded(true);
    }

    /** DER ECDSA-SHA256 over the concatenation of {@code parts}. */
    public static byte[] sign(BigInteger d, byte[]... parts) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(
                true,
                new ParametersWithRandom(new ECPrivateKeyParameters(d, DOMAIN), Csprng.get()));
        BigInteger[] rs = signer.generateSignature(sha256(parts));
        return DerSignature.encode(rs[0], rs[1]);
    }

    /** Verifies a strict-DER ECDSA-SHA256 signature; false for any malformed signature. */
    public static boolean verify(ECPoint q, byte[] signature, byte[]... parts) {
        BigInteger[] rs = DerSignature.decode(signature);
        if (rs == null || !isValidScalar(rs[0]) || !isValidScalar(rs[1])) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
        return verifier.verifySignature(sha256(parts), rs[0], rs[1]);
    }

    /** ECDH shared secret: the 32-byte big-endian X coordinate of d·Q. */
    public static byte[] agree(BigInteger d, ECPoint q) {
        ECPoint s = q.multiply(d).normalize();
        if (s.isInfinity()) {
            throw new IllegalArgumentException("ECDH produced the point at infinity");
        }
        return s.getAffineXCoord().getEncoded();
    }

    /** Big-endian scalar, left-padded to {@code length} bytes. */
    public static byte[] scalarBytes(BigInteger d, int length) {
        byte[] raw = d.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, SCALAR_LENGTH);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
