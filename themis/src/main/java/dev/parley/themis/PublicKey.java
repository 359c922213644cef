package dev.parley.themis;

import dev.parley.themis.internal.container.ContainerFormatException;
import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An EC P-256 public key in the Themis {@code UEC2} container (45 bytes, compressed point).
 *
 * <p>Parsing validates the container, its checksum and the point itself, so an instance is always
 * usable. Immutable and thread-safe.
 */
public final class PublicKey {
    static final String TAG = "UEC2";

    private final byte[] encoded;
    private final ECPoint point;

    private PublicKey(byte[] encoded, ECPoint point) {
        this.encoded = encoded;
        this.point = point;
    }

    /**
     * Parses a {@code UEC2} container (compressed or, as Themis 0.15 accepts, uncompressed).
     *
     * @throws KeyFormatException if the container or the point is invalid
     */
    public static PublicKey fromBytes(byte[] container) throws KeyFormatException {
        if (container == null) {
            throw new NullPointerException("container");
        }
        SoterContainer c;
        try {
            c = SoterContainer.parseExact(container);
        } catch (ContainerFormatException e) {
            throw new KeyFormatException("invalid public key: " + e.getMessage());
        }
        if (!c.hasTag(TAG)) {
            throw new KeyFormatException(
                    "invalid public key: not an EC P-256 public key container");
        }
        int len = c.payloadLength();
        if (len != P256.COMPRESSED_POINT_LENGTH && len != P256.UNCOMPRESSED_POINT_LENGTH) {
            throw new KeyFormatException("invalid public key: wrong payload length");
        }
        try {
            ECPoint point = P256.decodePoint(container, c.payloadOffset(), len);
            return new PublicKey(container.clone(), point);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("invalid public key: point is not on P-256");
        }
    }

    static PublicKey fromPoint(ECPoint point) {
        return new PublicKey(SoterContainer.build(TAG, P256.encodeCompressed(point)), point);
    }

    /** The container bytes, a fresh copy. */
    public byte[] toByteArray() {
        return encoded.clone();
    }

    /** Standard base64 of the container, as Parley prints and exchanges keys. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(encoded);
    }

    /**
     * A short human-checkable fingerprint: the first 16 bytes of SHA-256 of the container, hex in
     * groups of four (e.g. {@code 3f2a:91c0:...}).
     */
    public String fingerprint() {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(encoded);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x%02x", hash[i], hash[i + 1]));
        }
        return sb.toString();
    }

    ECPoint point() {
        return point;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey
                && MessageDigest.isEqual(
                        point.getEncoded(true), ((PublicKey) o).point.getEncoded(true));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(point.getEncoded(true));
    }

    @Override
    public String toString() {
        return "PublicKey[" + fingerprint() + "]";
    }
}
