package dev.parley.themis.internal.session;

import dev.parley.themis.ReplayedMessageException;
import dev.parley.themis.SecureSessionException;

/**
 * Which incoming sequence numbers a session accepts. All arithmetic is modulo 2³² (sequence numbers
 * are uint32 held in an {@code int}); distances are the signed 32-bit difference.
 *
 * <p><b>Themis mode</b> (non-strict): accept {@code seq} if it is within ±{@value #THEMIS_WINDOW}
 * of the last accepted number ({@code in_seq}, initially the peer's N), then set {@code in_seq =
 * seq}. Replays are accepted, as in Themis. Unlike Themis, whose unsigned bounds make the window
 * empty when {@code in_seq < 8} or {@code in_seq >= 2³² − 8}, the window here wraps around, so a
 * stream survives the wrap of the counter.
 *
 * <p><b>Strict mode</b> (default): the Themis rule, plus every number is accepted at most once. A
 * {@value #BITMAP_SIZE}-bit bitmap remembers which of the numbers {@code highest − 63 .. highest}
 * were accepted; anything older than that is stale. The first accepted number must be in {@code N
 * .. N + 8} (an honest sender starts at N and skips at most 8).
 *
 * <p>{@link #check} never changes state; {@link #accept} commits a number that passed {@code
 * check}. Not thread-safe.
 */
final class ReplayWindow {
    static final int THEMIS_WINDOW = 8;
    static final int BITMAP_SIZE = 64;

    private final boolean strict;
    private int last;
    private int highest;
    private long seen;
    private boolean anyAccepted;

    ReplayWindow(int peerInitialSeq, boolean strict) {
        this.strict = strict;
        this.last = peerInitialSeq;
        this.highest = peerInitialSeq;
    }

    /**
     * @throws ReplayedMessageException (strict mode only) if {@code seq} was accepted before or is
     *     older than the bitmap
     * @throws SecureSessionException if {@code seq} is outside the ±8 window
     */
    void check(int seq) throws SecureSessionException {
        if (strict) {
            if (!anyAccepted) {
                int ahead = seq - last;
                if (ahead < 0 || ahead > THEMIS_WINDOW) {
                    throw outsideWindow();
                }
                return;
            }
            int behind = highest - seq;
            if (behind >= BITMAP_SIZE || (behind >= 0 && (seen & (1L << behind)) != 0)) {
                throw new ReplayedMessageException(
                        "data message was already received (replay or stale copy)");
            }
        }
        int distance = seq - last;
        if (distance < -THEMIS_WINDOW || distance > THEMIS_WINDOW) {
            throw outsideWindow();
        }
    }

    /** Records {@code seq}, which must have passed {@link #check}. */
    void accept(int seq) {
        last = seq;
        if (!strict) {
            return;
        }
        if (!anyAccepted) {
            anyAccepted = true;
            highest = seq;
            seen = 1L;
            return;
        }
        int ahead = seq - highest;
        if (ahead > 0) {
            seen = ahead >= BITMAP_SIZE ? 1L : (seen << ahead) | 1L;
            highest = seq;
        } else {
            seen |= 1L << -ahead;
        }
    }

    /** The last accepted number (Themis's {@code in_seq}); the peer's N before any. */
    int lastAccepted() {
        return last;
    }

    private static SecureSessionException outsideWindow() {
        return new SecureSessionException("data message sequence number is outside the window");
    }
}
