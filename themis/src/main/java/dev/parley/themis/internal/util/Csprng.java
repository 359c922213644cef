package dev.parley.themis.internal.util;

import java.security.SecureRandom;

/** The one source of randomness for keys, IVs and salts. */
public final class Csprng {
    private static final ThreadLocal<SecureRandom> RANDOM =
            ThreadLocal.withInitial(SecureRandom::new);

    private Csprng() {}

    public static SecureRandom get() {
        return RANDOM.get();
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.get().nextBytes(b);
        return b;
    }
}
