package dev.parley.themis;

import dev.parley.themis.internal.ec.P256;
import java.math.BigInteger;
import java.util.Objects;

/** An EC P-256 key pair. Immutable and thread-safe. */
public final class KeyPair {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    /**
     * Pairs two keys. Does not check that they match; use {@link #of(PrivateKey)} to derive the
     * public half instead.
     */
    public KeyPair(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /** A fresh random key pair. */
    public static KeyPair generate() {
        BigInteger d = P256.randomScalar();
        return new KeyPair(PrivateKey.fromScalar(d), PublicKey.fromPoint(P256.publicPoint(d)));
    }

    /** The pair of a private key and its computed public key. */
    public static KeyPair of(PrivateKey privateKey) {
        return new KeyPair(privateKey, privateKey.publicKey());
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "KeyPair[" + publicKey.fingerprint() + "]";
    }
}
