package dev.parley.server.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of {@link IdentityStore#bindIfAbsent}: the key bound to the name after the call, and
 * whether this call created the binding. The array is copied in and out; equality is by content.
 */
public record Binding(boolean created, byte[] publicKey) {
    public Binding {
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binding
                && ((Binding) o).created == created
                && Arrays.equals(((Binding) o).publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(created) * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Binding[created=" + created + ", publicKey=" + publicKey.length + " bytes]";
    }
}
