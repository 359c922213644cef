package dev.parley.server.identity;

import dev.parley.server.connection.CloseReason;
import dev.parley.themis.PublicKey;

/**
 * Decides whether a key may use a name. Both methods may block (storage) and are called on the
 * handshake pool, never on an event loop. Thread-safe.
 */
public interface NamePolicy {
    /** Before the handshake. @return null to proceed, or why the connection is refused */
    CloseReason check(String name, PublicKey key);

    /**
     * After the peer proved it holds {@code key} (handshake established). TOFU binds here, so a
     * hello without a finished handshake never claims a name.
     *
     * @return null to accept, or why the connection is refused
     */
    CloseReason confirm(String name, PublicKey key);

    /** {@code open}: any key (live takeover is still refused by presence). */
    static NamePolicy open() {
        return new NamePolicy() {
            @Override
            public CloseReason check(String name, PublicKey key) {
                return null;
            }

            @Override
            public CloseReason confirm(String name, PublicKey key) {
                return null;
            }
        };
    }

    /** {@code closed}: only listed name/key pairs. */
    static NamePolicy closed(AuthorizedKeys authorized) {
        return new NamePolicy() {
            @Override
            public CloseReason check(String name, PublicKey key) {
                return key.equals(authorized.keyFor(name)) ? null : CloseReason.NOT_AUTHORIZED;
            }

            @Override
            public CloseReason confirm(String name, PublicKey key) {
                return check(name, key);
            }
        };
    }
}
