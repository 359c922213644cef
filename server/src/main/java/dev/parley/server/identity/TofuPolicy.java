package dev.parley.server.identity;

import dev.parley.server.connection.CloseReason;
import dev.parley.themis.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code tofu}: the first key that completes a handshake for a name owns it, across restarts. */
public final class TofuPolicy implements NamePolicy {
    private static final Logger log = LoggerFactory.getLogger(TofuPolicy.class);
    private final Bindings bindings;

    /** The persistent name-to-key registry TOFU needs. Thread-safe, may block. */
    public interface Bindings {
        /** The bound key, or null. */
        PublicKey find(String name) throws Exception;

        /** Binds if the name is free; returns the key bound now (ours or the earlier one). */
        PublicKey bindIfAbsent(String name, PublicKey key) throws Exception;
    }

    public TofuPolicy(Bindings bindings) {
        this.bindings = bindings;
    }

    @Override
    public CloseReason check(String name, PublicKey key) {
        try {
            PublicKey bound = bindings.find(name);
            return bound == null || bound.equals(key) ? null : CloseReason.NAME_TAKEN;
        } catch (Exception e) {
            log.warn("identity lookup failed: {}", e.getClass().getSimpleName());
            return CloseReason.INTERNAL;
        }
    }

    @Override
    public CloseReason confirm(String name, PublicKey key) {
        try {
            return bindings.bindIfAbsent(name, key).equals(key) ? null : CloseReason.NAME_TAKEN;
        } catch (Exception e) {
            log.warn("identity binding failed: {}", e.getClass().getSimpleName());
            return CloseReason.INTERNAL;
        }
    }
}
