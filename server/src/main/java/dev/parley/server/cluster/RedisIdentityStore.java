package dev.parley.server.cluster;

import dev.parley.server.store.Binding;
import dev.parley.server.store.IdentityStore;
import dev.parley.server.store.StorageException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdentityStore} on one Redis hash: field = name, value = the key sealed with the name as
 * context. HSETNX makes exactly one of any number of racing nodes the winner. Durability is
 * Redis's: with {@code appendonly yes} and {@code appendfsync always} a binding survives a Redis
 * crash once this returns.
 */
final class RedisIdentityStore implements IdentityStore {
    /**
     * HSETNX then HGET can miss only if the field is deleted in between; retry that a few times.
     */
    private static final int MAX_TRIES = 3;

    private final RedisStorage owner;
    private final RedisCommands<String, byte[]> redis;
    private final ClusterCodec codec;

    RedisIdentityStore(
            RedisStorage owner, RedisCommands<String, byte[]> redis, ClusterCodec codec) {
        this.owner = owner;
        this.redis = redis;
        this.codec = codec;
    }

    @Override
    public Binding bindIfAbsent(String name, byte[] publicKey) throws StorageException {
        requireName(name);
        if (Objects.requireNonNull(publicKey, "publicKey").length == 0) {
            throw new IllegalArgumentException("publicKey must not be empty");
        }
        byte[] key = publicKey.clone();
        owner.check();
        for (int i = 0; i < MAX_TRIES; i++) {
            try {
                if (Boolean.TRUE.equals(
                        redis.hsetnx(codec.identitiesKey(), name, codec.sealIdentity(name, key)))) {
                    return new Binding(true, key);
                }
                byte[] sealed = redis.hget(codec.identitiesKey(), name);
                if (sealed != null) {
                    return new Binding(false, codec.openIdentity(name, sealed));
                }
            } catch (RedisException e) {
                throw new StorageException("Redis failed while binding a name", e);
            }
        }
        throw new StorageException("identity binding kept vanishing while binding a name");
    }

    @Override
    public Optional<byte[]> find(String name) throws StorageException {
        requireName(name);
        owner.check();
        byte[] sealed;
        try {
            sealed = redis.hget(codec.identitiesKey(), name);
        } catch (RedisException e) {
            throw new StorageException("Redis failed while looking up a name", e);
        }
        return sealed == null ? Optional.empty() : Optional.of(codec.openIdentity(name, sealed));
    }

    private static void requireName(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
    }
}
