package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.ServerEvent;
import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.MemoryStorage;
import dev.parley.server.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Protocol v2 (subprotocol parley.v2, binary frames, JSON events), and v1/v2 in one room. */
@Timeout(60)
class ChatOverV2Test {
    private static final Duration WAIT = ChatClient.WAIT;
    @TempDir static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server =
                RunningServer.start(
                        dir, new MemoryStorage(), b -> b.identityPolicy(IdentityPolicy.OPEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void welcomeThenJoinedHistoryAndPresence() {
        ChatClient amy = server.v2("amy");
        ServerEvent.Welcome w = (ServerEvent.Welcome) amy.nextEvent(WAIT);
        assertThat(w.name()).isEqualTo("amy");
        assertThat(w.rooms()).containsExactly("main");
        assertThat(
                        amy.awaitEvent(ServerEvent.Joined.class, j -> j.name().equals("amy"), WAIT)
                                .room())
                .isEqualTo("main");
        assertThat(amy.awaitEvent(ServerEvent.Presence.class, p -> true, WAIT).members())
                .contains("amy");
    }

    @Test
    void sendIsAckedAndDeliveredOnceToEachMemberAcrossProtocols() {
        ChatClient ben = server.v2("ben");
        ChatClient cat = server.v1("cat");
        ben.awaitEvent(ServerEvent.Joined.class, j -> j.name().equals("cat"), WAIT);
        ben.send(new ClientEvent.Send("c-1", "main", "hi all"));
        ServerEvent.Ack ack = ben.awaitEvent(ServerEvent.Ack.class, a -> true, WAIT);
        assertThat(ack.clientMsgId()).isEqualTo("c-1");
        ServerEvent.Message own = ben.awaitEvent(ServerEvent.Message.class, m -> true, WAIT);
        assertThat(own.id()).isEqualTo(ack.id());
        assertThat(own.from()).isEqualTo("ben");
        assertThat(own.text()).isEqualTo("hi all");
        assertThat(cat.awaitLine("<ben> hi all")).isNotNull();

        cat.say("hello ben");
        ServerEvent.Message fromCat = ben.awaitEvent(ServerEvent.Message.class, m -> true, WAIT);
        assertThat(fromCat.from()).isEqualTo("cat");
        assertThat(fromCat.id()).isEqualTo(ack.id() + 1);
        // exactly once: the next event after it answers a marker
        ben.send(new ClientEvent.Ping());
        assertThat(ben.nextEvent(WAIT)).isInstanceOf(ServerEvent.Pong.class);
    }

    @Test
    void directMessagesRoomsAndHistoryPages() {
        ChatClient dan = server.v2("dan");
        ChatClient eve = server.v2("eve");
        dan.awaitEvent(ServerEvent.Joined.class, j -> j.name().equals("eve"), WAIT);

        dan.send(new ClientEvent.Direct("d-1", "eve", "secret"));
        assertThat(dan.awaitEvent(ServerEvent.Ack.class, a -> a.clientMsgId().equals("d-1"), WAIT))
                .isNotNull();
        ServerEvent.DirectMessage dm =
                eve.awaitEvent(ServerEvent.DirectMessage.class, m -> true, WAIT);
        assertThat(dm.from()).isEqualTo("dan");
        assertThat(dm.text()).isEqualTo("secret");

        dan.send(new ClientEvent.Direct("d-2", "nobody", "hello?"));
        ServerEvent.Error err = dan.awaitEvent(ServerEvent.Error.class, e -> true, WAIT);
        assertThat(err.code()).isEqualTo("unknown_user");
        assertThat(err.clientMsgId()).contains("d-2");

        dan.send(new ClientEvent.Join("v2room"));
        dan.awaitEvent(ServerEvent.Joined.class, j -> j.room().equals("v2room"), WAIT);
        for (int i = 1; i <= 5; i++) {
            dan.send(new ClientEvent.Send("h-" + i, "v2room", "msg " + i));
            dan.awaitEvent(ServerEvent.Message.class, m -> true, WAIT);
        }
        dan.send(new ClientEvent.History("v2room", 2));
        ServerEvent.HistoryPage page =
                dan.awaitEvent(ServerEvent.HistoryPage.class, p -> true, WAIT);
        assertThat(page.messages())
                .extracting(ServerEvent.Message::text)
                .containsExactly("msg 4", "msg 5");
        assertThat(page.hasMore()).isTrue();
        long oldest = page.messages().get(0).id();
        dan.send(new ClientEvent.History("v2room", OptionalLong.of(oldest), 10));
        page = dan.awaitEvent(ServerEvent.HistoryPage.class, p -> true, WAIT);
        assertThat(page.messages())
                .extracting(ServerEvent.Message::text)
                .containsExactly("msg 1", "msg 2", "msg 3");

        dan.send(new ClientEvent.ListRooms());
        ServerEvent.RoomList rooms = dan.awaitEvent(ServerEvent.RoomList.class, r -> true, WAIT);
        assertThat(rooms.rooms()).anyMatch(r -> r.room().equals("v2room") && r.members() == 1);

        eve.send(new ClientEvent.Send("x-1", "v2room", "not a member"));
        assertThat(eve.awaitEvent(ServerEvent.Error.class, e -> true, WAIT).code())
                .isEqualTo("not_member");

        dan.send(new ClientEvent.Leave("v2room"));
        assertThat(dan.awaitEvent(ServerEvent.Left.class, l -> l.room().equals("v2room"), WAIT))
                .isNotNull();
    }

    @Test
    void malformedEventGetsAnErrorAndTheSessionGoesOn() {
        ChatClient fay = server.v2("fay");
        fay.sendPlain("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(fay.awaitEvent(ServerEvent.Error.class, e -> true, WAIT).code())
                .isEqualTo("bad_request");
        fay.send(new ClientEvent.Ping());
        assertThat(fay.awaitEvent(ServerEvent.Pong.class, p -> true, WAIT)).isNotNull();
    }

    @Test
    void textFrameOnV2IsRefused() {
        ChatClient gil = server.v2("gil");
        gil.sendRawText("hello");
        ChatClient.Incoming close = gil.awaitClose(WAIT);
        assertThat(close.closeCode()).isEqualTo(1003);
    }

    @Test
    void replayedV2FrameIsRefusedAndNotDelivered() {
        ChatClient hue = server.v2("hue");
        ChatClient ida = server.v2("ida");
        hue.awaitEvent(ServerEvent.Joined.class, j -> j.name().equals("ida"), WAIT);
        hue.send(new ClientEvent.Send("r-1", "main", "one"));
        assertThat(ida.awaitEvent(ServerEvent.Message.class, m -> m.text().equals("one"), WAIT))
                .isNotNull();
        hue.resendLast();
        assertThat(hue.awaitClose(WAIT).closeReason()).contains("replayed");
        assertThat(
                        ida.awaitEvent(
                                ServerEvent.Message.class,
                                m -> m.text().equals("one"),
                                Duration.ofMillis(300)))
                .isNull();
    }
}
