package dev.parley.themis.internal.session;

import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import java.math.BigInteger;

/**
 * The per-session P-256 key pair whose public half ({@code E_c} / {@code E_s}) travels in m1/m2 as
 * a compressed 45-byte {@code UEC2} container. Immutable; the scalar never leaves this package.
 */
public final class EphemeralKey {
    private final BigInteger scalar;
    private final byte[] container;

    private EphemeralKey(BigInteger scalar, byte[] container) {
        this.scalar = scalar;
        this.container = container;
    }

    public static EphemeralKey generate() {
        BigInteger d = P256.randomScalar();
        byte[] point = P256.encodeCompressed(P256.publicPoint(d));
        return new EphemeralKey(
                d, SoterContainer.build(NegotiationMessages.EPHEMERAL_KEY_TAG, point));
    }

    BigInteger scalar() {
        return scalar;
    }

    /** The 45-byte public container exactly as sent, signed and hashed; do not modify. */
    byte[] container() {
        return container;
    }

    @Override
    public String toString() {
        return "EphemeralKey[redacted]";
    }
}
