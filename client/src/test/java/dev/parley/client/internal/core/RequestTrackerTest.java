package dev.parley.client.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionLostException;
import dev.parley.client.RequestRejectedException;
import dev.parley.client.SendResult;
import dev.parley.protocol.ServerEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestTrackerTest {
    private final RequestTracker t = new RequestTracker("me");

    @Test
    void ackAndErrorSettleTheMessageTheyName() {
        CompletableFuture<SendResult> a = new CompletableFuture<>();
        CompletableFuture<SendResult> b = new CompletableFuture<>();
        t.addSend("1", a);
        t.addSend("2", b);
        assertThat(t.onEvent(ServerEvent.Error.replyTo("2", "too_long", "long"))).isTrue();
        assertThat(t.onEvent(new ServerEvent.Ack("1", 7, 99))).isTrue();
        assertThat(a.join()).isEqualTo(SendResult.accepted("1", 7, 99));
        assertThat(b.join().isAccepted()).isFalse();
        assertThat(b.join().rejectionCode()).contains("too_long");
        assertThat(t.pending()).isZero();
    }

    @Test
    void errorWithoutIdRefusesTheOldestQuery() {
        CompletableFuture<Void> join = new CompletableFuture<>();
        CompletableFuture<List<String>> who = new CompletableFuture<>();
        t.addQuery(RequestTracker.Kind.JOIN, "x", join);
        t.addQuery(RequestTracker.Kind.WHO, "main", who);
        assertThat(t.onEvent(ServerEvent.Error.of("bad_room", "no"))).isTrue();
        assertThat(join).isCompletedExceptionally();
        assertThat(join.handle((v, e) -> e).join()).isInstanceOf(RequestRejectedException.class);
        assertThat(who).isNotDone();
        assertThat(t.onEvent(new ServerEvent.Presence("main", List.of("me")))).isTrue();
        assertThat(who.join()).containsExactly("me");
    }

    @Test
    void answersMatchByKindAndRoomAndOthersPassToTheListener() {
        CompletableFuture<Void> join = new CompletableFuture<>();
        t.addQuery(RequestTracker.Kind.JOIN, "dev", join);
        assertThat(t.onEvent(new ServerEvent.Joined("dev", "someone"))).isFalse();
        assertThat(join).isNotDone();
        assertThat(t.onEvent(new ServerEvent.Joined("dev", "me")))
                .as("the listener hears it too")
                .isFalse();
        assertThat(join).isCompleted();
        assertThat(t.onEvent(new ServerEvent.HistoryPage("dev", List.of(), false)))
                .as("unasked page")
                .isFalse();
    }

    @Test
    void failAllFailsEveryPendingRequest() {
        CompletableFuture<SendResult> s = new CompletableFuture<>();
        CompletableFuture<Void> q = new CompletableFuture<>();
        t.addSend("1", s);
        t.addQuery(RequestTracker.Kind.LEAVE, "dev", q);
        t.failAll("gone");
        assertThat(s.handle((v, e) -> e).join()).isInstanceOf(ConnectionLostException.class);
        assertThat(q.handle((v, e) -> e).join()).isInstanceOf(ConnectionLostException.class);
    }
}
