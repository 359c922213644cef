package dev.parley.client.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerEvent;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CatchUpTest {
    private static ServerEvent.Message m(long id) {
        return new ServerEvent.Message(id, "r", "a", "t" + id, id);
    }

    private static ServerEvent.HistoryPage page(long from, long to, boolean hasMore) {
        return new ServerEvent.HistoryPage(
                "r", LongStream.rangeClosed(from, to).mapToObj(CatchUpTest::m).toList(), hasMore);
    }

    private static List<Long> ids(List<ServerEvent.Message> ms) {
        return ms.stream().map(ServerEvent.Message::id).toList();
    }

    @Test
    void liveMessagesPassOnceAndDuplicatesAreDropped() {
        CatchUp c = new CatchUp();
        assertThat(c.knows("r")).isFalse();
        assertThat(ids(c.onLive(m(1)))).containsExactly(1L);
        assertThat(c.knows("r")).isTrue();
        assertThat(c.onLive(m(1))).isEmpty();
        assertThat(c.lastSeen("r")).isEqualTo(1);
    }

    @Test
    void pagesBackUntilTheLastSeenIdAndReleasesHeldLiveMessagesInOrder() {
        CatchUp c = new CatchUp();
        c.seen("r", 3);
        c.begin("r");
        assertThat(c.onLive(m(12))).as("held while catching up").isEmpty();
        CatchUp.Step first = c.onPage("r", page(8, 11, true), 4);
        assertThat(first.done()).isFalse();
        assertThat(first.beforeId()).hasValue(8);
        CatchUp.Step second = c.onPage("r", page(4, 7, true), 4);
        assertThat(second.beforeId()).hasValue(4);
        CatchUp.Step third = c.onPage("r", page(1, 3, false), 4);
        assertThat(third.done()).isTrue();
        assertThat(ids(third.messages())).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(c.onLive(m(12))).as("already delivered").isEmpty();
        assertThat(ids(c.onLive(m(13)))).containsExactly(13L);
    }

    @Test
    void aLatestPageAnsweringAnOlderRequestStillCoversTheGap() {
        CatchUp c = new CatchUp();
        c.seen("r", 2);
        c.begin("r");
        CatchUp.Step first = c.onPage("r", page(6, 9, true), 4);
        assertThat(first.beforeId()).hasValue(6);
        // the answer is the join replay (latest page) again, not the older page: keep going from
        // the oldest
        CatchUp.Step again = c.onPage("r", page(6, 9, true), 4);
        assertThat(again.beforeId()).hasValue(6);
        CatchUp.Step done = c.onPage("r", page(2, 5, true), 4);
        assertThat(ids(done.messages())).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void stopsAfterMaxPages() {
        CatchUp c = new CatchUp();
        c.seen("r", 0);
        c.begin("r");
        long top = 1_000;
        CatchUp.Step s = null;
        for (int i = 0; i < CatchUp.MAX_PAGES; i++) {
            s = c.onPage("r", page(top - 4 * (i + 1) + 1, top - 4 * i, true), 4);
        }
        assertThat(s.done()).isTrue();
        assertThat(s.messages()).hasSize(4 * CatchUp.MAX_PAGES);
    }

    @Test
    void aRoomSeenEmptyCatchesUpEverythingAndAnUnknownRoomNothing() {
        CatchUp c = new CatchUp();
        c.seenEmpty("r");
        c.begin("r");
        assertThat(ids(c.onPage("r", page(1, 2, false), 4).messages())).containsExactly(1L, 2L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.begin("other"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void abortReleasesWhatWasHeld() {
        CatchUp c = new CatchUp();
        c.seen("r", 5);
        c.begin("r");
        c.onLive(m(7));
        assertThat(ids(c.abort("r"))).containsExactly(7L);
        assertThat(c.isCatchingUp("r")).isFalse();
    }
}
