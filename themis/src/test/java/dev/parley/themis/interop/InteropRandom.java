package dev.parley.themis.interop;

import java.util.SplittableRandom;

/**
 * Random test inputs from a seed that is printed in every assertion description, so a failing case
 * can be replayed with {@code -Dparley.interop.seed=N}.
 */
final class InteropRandom {
    static final String SEED_PROPERTY = "parley.interop.seed";

    private final long seed;
    private final SplittableRandom random;

    private InteropRandom(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Seeded from {@value #SEED_PROPERTY} if set, else from the clock. */
    static InteropRandom create() {
        String configured = System.getProperty(SEED_PROPERTY);
        return new InteropRandom(
                configured != null && !configured.isBlank()
                        ? Long.parseLong(configured.trim())
                        : System.nanoTime());
    }

    long seed() {
        return seed;
    }

    /** A description prefix naming the seed and the case. */
    String describe(String what, int caseNumber) {
        return what + " (case " + caseNumber + ", -D" + SEED_PROPERTY + "=" + seed + ")";
    }

    byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    int between(int lowInclusive, int highInclusive) {
        return random.nextInt(lowInclusive, highInclusive + 1);
    }

    boolean coin() {
        return random.nextBoolean();
    }

    /**
     * A plaintext length in 1..max: small sizes, AES-block edges and odd sizes come up often, the
     * rest uniformly.
     */
    int messageLength(int max) {
        int[] edges = {
            1, 2, 3, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257, 1023, 1025, 4095, 4096
        };
        if (random.nextInt(3) == 0) {
            int e = edges[random.nextInt(edges.length)];
            return Math.min(e, max);
        }
        return between(1, max);
    }

    /** A symmetric key of several lengths: 1, short, the usual 32, long. */
    byte[] symmetricKey() {
        int[] lengths = {1, 5, 16, 31, 32, 32, 33, 64, 100};
        return bytes(lengths[random.nextInt(lengths.length)]);
    }

    /** {@code null}, empty, or 1..64 random bytes: "no context" two ways, or a real one. */
    byte[] optionalContext() {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new byte[0];
            default -> bytes(between(1, 64));
        };
    }

    /** A non-empty context (Context Imprint requires one). */
    byte[] context() {
        return bytes(between(1, 64));
    }

    /** Flips one bit in a copy of {@code data}. */
    byte[] flipOneBit(byte[] data) {
        return flipOneBitFrom(data, 0);
    }

    /**
     * Flips one bit in a copy of {@code data}, outside bytes {@code [skipFrom, skipTo)} (bytes a
     * format deliberately leaves unauthenticated).
     */
    byte[] flipOneBitOutside(byte[] data, int skipFrom, int skipTo) {
        byte[] copy = data.clone();
        int i = random.nextInt(copy.length - (skipTo - skipFrom));
        if (i >= skipFrom) {
            i += skipTo - skipFrom;
        }
        copy[i] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    /** Flips one bit at or after byte {@code fromIndex} in a copy of {@code data}. */
    byte[] flipOneBitFrom(byte[] data, int fromIndex) {
        byte[] copy = data.clone();
        int i = random.nextInt(fromIndex, copy.length);
        copy[i] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }
}
