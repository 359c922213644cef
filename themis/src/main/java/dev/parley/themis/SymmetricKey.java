package dev.parley.themis;

import dev.parley.themis.internal.util.Csprng;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A Secure Cell master key: any non-empty byte string; {@link #generate()} makes 32 random bytes as
 * Themis does. Immutable; {@link #toString()} never shows the key.
 */
public final class SymmetricKey {
    public static final int GENERATED_LENGTH = 32;

    private final byte[] key;

    private SymmetricKey(byte[] key) {
        this.key = key;
    }

    public static SymmetricKey generate() {
        return new SymmetricKey(Csprng.bytes(GENERATED_LENGTH));
    }

    /**
     * Wraps existing key bytes (copied).
     *
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public static SymmetricKey fromBytes(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("symmetric key must not be empty");
        }
        return new SymmetricKey(key.clone());
    }

    /** The raw key, a fresh copy. Handle it as a secret. */
    public byte[] toByteArray() {
        return key.clone();
    }

    /** The internal array, not copied: for this package's cryptosystems only. */
    byte[] bytes() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetricKey && MessageDigest.isEqual(key, ((SymmetricKey) o).key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "SymmetricKey[redacted, " + key.length + " bytes]";
    }
}
