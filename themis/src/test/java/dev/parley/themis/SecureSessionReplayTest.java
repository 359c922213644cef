package dev.parley.themis;

import static dev.parley.themis.SessionTestKit.START;
import static dev.parley.themis.SessionTestKit.userData;
import static dev.parley.themis.SessionTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SessionTestKit.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sequence and time windows in strict (default) and Themis (non-strict) modes. */
class SecureSessionReplayTest {
    private final FakeClock senderClock = new FakeClock(START);
    private final FakeClock receiverClock = new FakeClock(START);

    private SessionTestKit.Pair pair(boolean strict) {
        return SessionTestKit.establish(strict, senderClock, receiverClock);
    }

    /** Frames 0..count-1 from the client, wrapped in order. */
    private static byte[][] frames(SessionTestKit.Pair p, int count) {
        byte[][] f = new byte[count][];
        for (int i = 0; i < count; i++) {
            f[i] = p.client().wrap(utf8("message " + i));
        }
        return f;
    }

    @Test
    void replayedFrameIsRejectedInStrictMode() throws Exception {
        SessionTestKit.Pair p = pair(true);
        byte[] frame = p.client().wrap(utf8("once"));
        assertThat(userData(p.server().unwrap(frame))).isEqualTo(utf8("once"));
        assertThatThrownBy(() -> p.server().unwrap(frame))
                .isInstanceOf(ReplayedMessageException.class);
        byte[] next = p.client().wrap(utf8("next"));
        assertThat(userData(p.server().unwrap(next))).isEqualTo(utf8("next"));
    }

    @Test
    void replayedFrameIsAcceptedInThemisMode() throws Exception {
        SessionTestKit.Pair p = pair(false);
        byte[] frame = p.client().wrap(utf8("once"));
        assertThat(userData(p.server().unwrap(frame))).isEqualTo(utf8("once"));
        assertThat(userData(p.server().unwrap(frame))).isEqualTo(utf8("once"));
    }

    @Test
    void strictModeIsTheDefault() throws Exception {
        SessionTestKit.Pair p = SessionTestKit.establish();
        byte[] frame = p.client().wrap(utf8("once"));
        p.server().unwrap(frame);
        assertThatThrownBy(() -> p.server().unwrap(frame))
                .isInstanceOf(ReplayedMessageException.class);
    }

    @Test
    void staleFrameIsRejectedInStrictMode() throws Exception {
        SessionTestKit.Pair p = pair(true);
        byte[][] f = frames(p, 80);
        for (int i = 0; i < f.length; i++) {
            if (i != 5) {
                p.server().unwrap(f[i]);
            }
        }
        assertThatThrownBy(() -> p.server().unwrap(f[5]))
                .isInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> p.server().unwrap(f[0]))
                .isInstanceOf(ReplayedMessageException.class);
    }

    @Test
    void staleFrameIsOutsideTheWindowInThemisMode() throws Exception {
        SessionTestKit.Pair p = pair(false);
        byte[][] f = frames(p, 20);
        for (int i = 0; i < f.length; i++) {
            if (i != 5) {
                p.server().unwrap(f[i]);
            }
        }
        assertThatThrownBy(() -> p.server().unwrap(f[5]))
                .isInstanceOf(SecureSessionException.class)
                .isNotInstanceOf(ReplayedMessageException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void jumpOfEightIsAcceptedAndNineIsRejected(boolean strict) throws Exception {
        SessionTestKit.Pair p = pair(strict);
        byte[][] f = frames(p, 20);
        p.server().unwrap(f[0]);
        p.server().unwrap(f[8]);
        assertThatThrownBy(() -> p.server().unwrap(f[17]))
                .isInstanceOf(SecureSessionException.class)
                .isNotInstanceOf(ReplayedMessageException.class);
        assertThat(userData(p.server().unwrap(f[16]))).isEqualTo(utf8("message 16"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void firstFrameMayBeUpToEightAhead(boolean strict) throws Exception {
        SessionTestKit.Pair p = pair(strict);
        byte[][] f = frames(p, 10);
        assertThatThrownBy(() -> p.server().unwrap(f[9]))
                .isInstanceOf(SecureSessionException.class);
        assertThat(userData(p.server().unwrap(f[8]))).isEqualTo(utf8("message 8"));
    }

    @Test
    void outOfOrderFramesWithinTheWindowAreAcceptedOnceInStrictMode() throws Exception {
        SessionTestKit.Pair p = pair(true);
        byte[][] f = frames(p, 6);
        for (int i : new int[] {0, 3, 1, 5, 2, 4}) {
            assertThat(userData(p.server().unwrap(f[i]))).isEqualTo(utf8("message " + i));
        }
        for (byte[] frame : f) {
            assertThatThrownBy(() -> p.server().unwrap(frame))
                    .isInstanceOf(ReplayedMessageException.class);
        }
        assertThat(userData(p.server().unwrap(p.client().wrap(utf8("on"))))).isEqualTo(utf8("on"));
    }

    @Test
    void outOfOrderFramesAreAcceptedRepeatedlyInThemisMode() throws Exception {
        SessionTestKit.Pair p = pair(false);
        byte[][] f = frames(p, 4);
        for (int i : new int[] {0, 3, 1, 2, 1, 3}) {
            assertThat(userData(p.server().unwrap(f[i]))).isEqualTo(utf8("message " + i));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void timestampsWithinOneDayAreAccepted(boolean strict) throws Exception {
        SessionTestKit.Pair p = pair(strict);
        senderClock.set(START - 86_400);
        byte[] old = p.client().wrap(utf8("old"));
        senderClock.set(START + 86_400);
        byte[] ahead = p.client().wrap(utf8("ahead"));
        assertThat(userData(p.server().unwrap(old))).isEqualTo(utf8("old"));
        assertThat(userData(p.server().unwrap(ahead))).isEqualTo(utf8("ahead"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void timestampsBeyondOneDayAreRejected(boolean strict) throws Exception {
        SessionTestKit.Pair p = pair(strict);
        senderClock.set(START - 86_401);
        byte[] old = p.client().wrap(utf8("old"));
        senderClock.set(START + 86_401);
        byte[] ahead = p.client().wrap(utf8("ahead"));
        senderClock.set(START);
        byte[] now = p.client().wrap(utf8("now"));
        assertThatThrownBy(() -> p.server().unwrap(old))
                .isInstanceOf(SecureSessionException.class)
                .isNotInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> p.server().unwrap(ahead))
                .isInstanceOf(SecureSessionException.class)
                .isNotInstanceOf(ReplayedMessageException.class);
        assertThat(userData(p.server().unwrap(now))).isEqualTo(utf8("now"));
    }

    @Test
    void receiverClockDriftIsJudgedByTheReceiver() throws Exception {
        SessionTestKit.Pair p = pair(true);
        byte[] frame = p.client().wrap(utf8("late delivery"));
        receiverClock.set(START + 86_401);
        assertThatThrownBy(() -> p.server().unwrap(frame))
                .isInstanceOf(SecureSessionException.class);
        receiverClock.set(START + 86_400);
        assertThat(userData(p.server().unwrap(frame))).isEqualTo(utf8("late delivery"));
    }

    @Test
    void rejectedFramesDoNotMoveTheWindow() throws Exception {
        SessionTestKit.Pair p = pair(true);
        byte[][] f = frames(p, 12);
        p.server().unwrap(f[0]);
        byte[] forged = f[9].clone();
        forged[forged.length - 1] ^= 1;
        assertThatThrownBy(() -> p.server().unwrap(forged))
                .isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(() -> p.server().unwrap(f[11]))
                .isInstanceOf(SecureSessionException.class);
        for (int i = 1; i < 12; i++) {
            assertThat(userData(p.server().unwrap(f[i]))).isEqualTo(utf8("message " + i));
        }
    }
}
