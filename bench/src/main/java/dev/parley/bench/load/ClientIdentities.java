package dev.parley.bench.load;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names and keys for load clients of one target. Names are {@code b<run>x<index>} (unique per run,
 * valid Parley names); a small pool of key pairs is shared, because key generation is client-side
 * cost that says nothing about the server (the server still sees a fresh ephemeral key and does the
 * full handshake for every session).
 */
final class ClientIdentities implements ClientPool.ClientSpec {
    private static final int KEY_POOL = 16;
    private static final KeyPair[] KEYS = new KeyPair[KEY_POOL];

    static {
        for (int i = 0; i < KEY_POOL; i++) {
            KEYS[i] = KeyPair.generate();
        }
    }

    private final Target target;
    private final String prefix;
    private final int offset;

    ClientIdentities(Target target, int offset) {
        this.target = target;
        this.prefix =
                "b" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36) + "x";
        this.offset = offset;
    }

    @Override
    public URI url(int index) {
        return target.url(offset + index);
    }

    @Override
    public WireDialect dialect() {
        return target.dialect();
    }

    @Override
    public String name(int index) {
        return prefix + (offset + index);
    }

    @Override
    public KeyPair keys(int index) {
        return KEYS[(offset + index) % KEY_POOL];
    }

    @Override
    public PublicKey serverKey(int index) {
        return target.serverKey();
    }
}
