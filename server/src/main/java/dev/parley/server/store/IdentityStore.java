package dev.parley.server.store;

import java.util.Optional;

/**
 * The name &lt;-&gt; public key registry (public data, stored as-is).
 *
 * <p>Thread-safe. Blocking (disk or network I/O): never call on a Netty event loop. Names are
 * compared exactly as given (callers validate them with {@code dev.parley.protocol.Names}).
 */
public interface IdentityStore {
    /**
     * Atomically binds {@code name} to {@code publicKey} if the name is unbound. Among callers
     * racing for one unbound name (in this process or, for shared stores, any node) exactly one
     * gets {@code created == true}; all see the same key. Once this returns the binding is durable
     * (survives a crash or power loss).
     *
     * @return the key bound to the name after the call: the given key if it was created, else the
     *     existing one
     * @throws StorageException if the store failed; nothing was bound then
     */
    Binding bindIfAbsent(String name, byte[] publicKey) throws StorageException;

    /** The key bound to {@code name}, a fresh copy, or empty if the name is unbound. */
    Optional<byte[]> find(String name) throws StorageException;
}
