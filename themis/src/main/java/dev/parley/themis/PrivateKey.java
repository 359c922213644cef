package dev.parley.themis;

import dev.parley.themis.internal.container.ContainerFormatException;
import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import java.math.BigInteger;

/**
 * An EC P-256 private key in the Themis {@code REC2} container (45 bytes: a zero byte, then the
 * 32-byte scalar). Parsing checks the container and that {@code 1 <= d < n}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class PrivateKey {
    static final String TAG = "REC2";
    private static final int PADDED_SCALAR_LENGTH = 33;

    private final BigInteger scalar;

    private PrivateKey(BigInteger scalar) {
        this.scalar = scalar;
    }

    /**
     * Parses a {@code REC2} container (33-byte payload as Themis writes, or 32 bytes).
     *
     * @throws KeyFormatException if the container or the scalar is invalid
     */
    public static PrivateKey fromBytes(byte[] container) throws KeyFormatException {
        if (container == null) {
            throw new NullPointerException("container");
        }
        SoterContainer c;
        try {
            c = SoterContainer.parseExact(container);
        } catch (ContainerFormatException e) {
            throw new KeyFormatException("invalid private key: " + e.getMessage());
        }
        if (!c.hasTag(TAG)) {
            throw new KeyFormatException(
                    "invalid private key: not an EC P-256 private key container");
        }
        int len = c.payloadLength();
        if (len != PADDED_SCALAR_LENGTH && len != P256.SCALAR_LENGTH) {
            throw new KeyFormatException("invalid private key: wrong payload length");
        }
        BigInteger d = new BigInteger(1, c.payload());
        if (!P256.isValidScalar(d)) {
            throw new KeyFormatException("invalid private key: scalar out of range");
        }
        return new PrivateKey(d);
    }

    static PrivateKey fromScalar(BigInteger d) {
        return new PrivateKey(d);
    }

    /**
     * The {@code REC2} container with the secret scalar, a fresh copy. Handle it as a secret: store
     * it only encrypted or in a file only its owner can read.
     */
    public byte[] toByteArray() {
        return SoterContainer.build(TAG, P256.scalarBytes(scalar, PADDED_SCALAR_LENGTH));
    }

    /** The matching public key (computed). */
    public PublicKey publicKey() {
        return PublicKey.fromPoint(P256.publicPoint(scalar));
    }

    BigInteger scalar() {
        return scalar;
    }

    @Override
    public String toString() {
        return "PrivateKey[redacted]";
    }
}
