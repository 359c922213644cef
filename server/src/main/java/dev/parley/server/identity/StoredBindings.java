package dev.parley.server.identity;

import dev.parley.server.store.IdentityStore;
import dev.parley.themis.PublicKey;
import java.util.Optional;

/** {@link TofuPolicy.Bindings} over an {@link IdentityStore}. */
public final class StoredBindings implements TofuPolicy.Bindings {
    private final IdentityStore store;

    public StoredBindings(IdentityStore store) {
        this.store = store;
    }

    @Override
    public PublicKey find(String name) throws Exception {
        Optional<byte[]> key = store.find(name);
        return key.isEmpty() ? null : PublicKey.fromBytes(key.get());
    }

    @Override
    public PublicKey bindIfAbsent(String name, PublicKey key) throws Exception {
        return PublicKey.fromBytes(store.bindIfAbsent(name, key.toByteArray()).publicKey());
    }
}
