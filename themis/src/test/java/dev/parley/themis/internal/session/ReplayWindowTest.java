package dev.parley.themis.internal.session;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.ReplayedMessageException;
import dev.parley.themis.SecureSessionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest {

    private static void accept(ReplayWindow w, int seq) throws SecureSessionException {
        w.check(seq);
        w.accept(seq);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, -1, -4, -8, 0x7FFFFFFC, 0x80000000})
    void strictWindowSurvivesTheUint32WrapAround(int start) throws Exception {
        ReplayWindow w = new ReplayWindow(start, true);
        for (int i = 0; i < 40; i++) {
            accept(w, start + i);
        }
        int top = start + 39;
        assertThatThrownBy(() -> w.check(top)).isInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> w.check(top - 3)).isInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> w.check(top + 9))
                .isNotInstanceOf(ReplayedMessageException.class)
                .isInstanceOf(SecureSessionException.class);
        assertThatCode(() -> w.check(top + 8)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1, -8})
    void themisWindowWrapsAroundInsteadOfClosingNearTheEdge(int start) throws Exception {
        ReplayWindow w = new ReplayWindow(start, false);
        accept(w, start - 8);
        accept(w, start);
        accept(w, start + 8);
        accept(w, start + 8);
        assertThatThrownBy(() -> w.check(start + 17)).isInstanceOf(SecureSessionException.class);
    }

    @Test
    void strictFirstNumberMustNotBeBehindThePeersInitialNumber() {
        ReplayWindow w = new ReplayWindow(100, true);
        assertThatThrownBy(() -> w.check(99)).isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(() -> w.check(109)).isInstanceOf(SecureSessionException.class);
        assertThatCode(() -> w.check(100)).doesNotThrowAnyException();
        assertThatCode(() -> w.check(108)).doesNotThrowAnyException();
    }

    @Test
    void bitmapForgetsNothingInsideSixtyFourAndEverythingOlder() throws Exception {
        ReplayWindow w = new ReplayWindow(0, true);
        for (int i = 0; i <= 100; i += 2) {
            accept(w, i);
        }
        // 100 is highest; odd numbers 37..99 were never seen and lie in the bitmap,
        // but only 92..99 are also within ±8 of the last accepted (100).
        assertThatCode(() -> w.check(93)).doesNotThrowAnyException();
        assertThatThrownBy(() -> w.check(91)).isNotInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> w.check(36)).isInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> w.check(94)).isInstanceOf(ReplayedMessageException.class);
        accept(w, 93);
        assertThatThrownBy(() -> w.check(93)).isInstanceOf(ReplayedMessageException.class);
        accept(w, 101);
        accept(w, 108);
        assertThatThrownBy(() -> w.check(100)).isInstanceOf(ReplayedMessageException.class);
        assertThatThrownBy(() -> w.check(108 - 64)).isInstanceOf(ReplayedMessageException.class);
        assertThatCode(() -> w.check(107)).doesNotThrowAnyException();
    }

    @Test
    void checkDoesNotChangeState() throws Exception {
        ReplayWindow w = new ReplayWindow(0, true);
        w.check(5);
        w.check(5);
        accept(w, 5);
        assertThatThrownBy(() -> w.check(5)).isInstanceOf(ReplayedMessageException.class);
    }
}
