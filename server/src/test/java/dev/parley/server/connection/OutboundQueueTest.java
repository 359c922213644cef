package dev.parley.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.chat.ChatEvent;
import dev.parley.server.chat.ChatLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    private static ChatEvent.History page(int lines) {
        List<ChatLine> l = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            l.add(new ChatLine(i + 1, "main", "a", "t" + i, Instant.EPOCH));
        }
        return new ChatEvent.History("main", l, false, false);
    }

    @Test
    void historyPageWeighsOnePlusItsLines() {
        OutboundQueue q = new OutboundQueue(250);
        assertThat(q.offer(page(100))).isTrue();
        assertThat(q.offer(page(100))).isTrue();
        assertThat(q.offer(page(100))).as("303 lines over a limit of 250").isFalse();
        for (int i = 0; i < 48; i++) {
            assertThat(q.offer(new ChatEvent.Notice("n"))).isTrue();
        }
        assertThat(q.offer(new ChatEvent.Notice("n"))).isFalse();
        q.poll();
        assertThat(q.offer(page(100))).isTrue();
    }

    @Test
    void aPageLargerThanTheLimitIsStillServedIntoAnEmptyQueue() {
        OutboundQueue q = new OutboundQueue(32);
        assertThat(q.offer(page(100))).isTrue();
        assertThat(q.offer(new ChatEvent.Notice("n"))).isFalse();
        assertThat(q.poll()).isNotNull();
        assertThat(q.offer(new ChatEvent.Notice("n"))).isTrue();
    }
}
