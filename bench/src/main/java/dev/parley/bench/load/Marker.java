package dev.parley.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The send timestamp a load message carries in its text: {@code ts#<tag>#<nanos>#}. The tag names
 * the measurement step, so receipts of an earlier step (or of history replay) are not counted in a
 * later one. Sender and receivers share one JVM, so {@link System#nanoTime()} values compare
 * directly. Pure functions, thread-safe.
 */
public final class Marker {
    static final String PREFIX = "ts#";

    /** A parsed marker. */
    public record Stamp(int tag, long sentNanos) {}

    private Marker() {}

    /** The marker text for a message sent at {@code nanos} in step {@code tag} (tag ≥ 0). */
    public static String text(int tag, long nanos) {
        if (tag < 0) {
            throw new IllegalArgumentException("tag must be non-negative: " + tag);
        }
        return PREFIX + tag + "#" + nanos + "#";
    }

    /** Finds the first marker in UTF-8 bytes; null if there is none or it is malformed. */
    public static Stamp find(byte[] utf8) {
        return find(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Finds the first marker in a text; null if there is none or it is malformed. */
    public static Stamp find(String text) {
        int at = text.indexOf(PREFIX);
        if (at < 0) {
            return null;
        }
        int i = at + PREFIX.length();
        int hash1 = text.indexOf('#', i);
        if (hash1 < 0) {
            return null;
        }
        int hash2 = text.indexOf('#', hash1 + 1);
        if (hash2 < 0) {
            return null;
        }
        try {
            int tag = Integer.parseInt(text, i, hash1, 10);
            long nanos = Long.parseLong(text, hash1 + 1, hash2, 10);
            return tag < 0 ? null : new Stamp(tag, nanos);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
