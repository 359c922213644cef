package dev.parley.themis.internal.sym;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 through the JDK, with one reusable {@link Mac} per thread. */
public final class HmacSha256 {
    public static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(HmacSha256::newMac);

    private HmacSha256() {}

    /** HMAC over the concatenation of {@code head} arrays then {@code tail} arrays. */
    public static byte[] compute(byte[] key, byte[] a, byte[] b, byte[] c, byte[]... tail) {
        Mac mac = init(key);
        mac.update(a);
        mac.update(b);
        mac.update(c);
        for (byte[] t : tail) {
            mac.update(t);
        }
        return mac.doFinal();
    }

    public static byte[] compute(byte[] key, byte[]... parts) {
        Mac mac = init(key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** A ready-to-use Mac keyed with {@code key}; the instance is this thread's and is reused. */
    public static Mac init(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 rejected a key", e);
        }
        return mac;
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HMAC-SHA256", e);
        }
    }
}
