package dev.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.chat.RoomHistory.HistoryUnavailableException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chat logic without sockets: members are recorders, the executor runs tasks at once. */
class RouterTest {
    private final FakeHistory history = new FakeHistory();
    private final Router router =
            new Router(
                    Runnable::run,
                    new LocalBus(),
                    history,
                    50,
                    100,
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    static final class RecordingMember implements Member {
        final String name;
        final PublicKey key;
        final List<ChatEvent> events = new ArrayList<>();
        boolean refused;

        RecordingMember(String name, PublicKey key) {
            this.name = name;
            this.key = key;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public PublicKey publicKey() {
            return key;
        }

        @Override
        public synchronized void deliver(ChatEvent event) {
            events.add(event);
        }

        @Override
        public void refuseNameTaken() {
            refused = true;
        }

        synchronized <T extends ChatEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static final class FakeHistory implements RoomHistory {
        final List<ChatLine> lines = new ArrayList<>();
        boolean broken;

        @Override
        public ChatLine append(String room, String sender, String text, Instant ts)
                throws HistoryUnavailableException {
            if (broken) {
                throw new HistoryUnavailableException("disk full", null);
            }
            long id = lines.stream().filter(l -> l.room().equals(room)).count() + 1;
            ChatLine l = new ChatLine(id, room, sender, text, ts);
            lines.add(l);
            return l;
        }

        @Override
        public List<ChatLine> latest(String room, int limit) {
            List<ChatLine> r = lines.stream().filter(l -> l.room().equals(room)).toList();
            return r.subList(Math.max(0, r.size() - limit), r.size());
        }

        @Override
        public List<ChatLine> before(String room, long beforeId, int limit) {
            List<ChatLine> r =
                    lines.stream().filter(l -> l.room().equals(room) && l.id() < beforeId).toList();
            return r.subList(Math.max(0, r.size() - limit), r.size());
        }
    }

    private RecordingMember member(String name) {
        RecordingMember m = new RecordingMember(name, KeyPair.generate().publicKey());
        router.register(m);
        return m;
    }

    @Test
    void registerWelcomesAndJoinsMain() {
        RecordingMember a = member("a");
        assertThat(a.events.get(0)).isEqualTo(new ChatEvent.Welcome("a", List.of("main")));
        assertThat(a.of(ChatEvent.Joined.class)).containsExactly(new ChatEvent.Joined("main", "a"));
        assertThat(a.of(ChatEvent.Members.class))
                .containsExactly(new ChatEvent.Members("main", List.of("a")));
    }

    @Test
    void sameNameWithAnotherKeyIsRefusedWhileLive() {
        RecordingMember a = member("a");
        RecordingMember thief = member("a");
        assertThat(thief.refused).isTrue();
        assertThat(thief.events).isEmpty();
        router.unregister(a);
        RecordingMember later = member("a");
        assertThat(later.refused).isFalse();
    }

    @Test
    void eachMemberGetsEachRoomMessageOnce() {
        RecordingMember a = member("a");
        RecordingMember b = member("b");
        router.handle(a, new ChatCommand.Say(null, "hi", "c1"));
        assertThat(a.of(ChatEvent.RoomMessage.class)).hasSize(1);
        assertThat(b.of(ChatEvent.RoomMessage.class)).hasSize(1);
        assertThat(a.of(ChatEvent.Ack.class))
                .extracting(ChatEvent.Ack::clientId)
                .containsExactly("c1");
        assertThat(b.of(ChatEvent.Ack.class)).isEmpty();
    }

    @Test
    void joinReplaysHistoryWithoutDuplicatingLiveMessages() {
        RecordingMember a = member("a");
        router.handle(a, new ChatCommand.Join("r"));
        router.handle(a, new ChatCommand.Say("r", "one", null));
        RecordingMember b = member("b");
        router.handle(b, new ChatCommand.Join("r"));
        ChatEvent.History replay =
                b.of(ChatEvent.History.class).stream()
                        .filter(h -> h.room().equals("r"))
                        .findFirst()
                        .orElseThrow();
        assertThat(replay.lines()).extracting(ChatLine::text).containsExactly("one");
        assertThat(b.of(ChatEvent.RoomMessage.class)).isEmpty();
    }

    @Test
    void replayIsTheLastNMessages() {
        Router small =
                new Router(Runnable::run, new LocalBus(), history, 2, 100, Clock.systemUTC());
        RecordingMember a = new RecordingMember("a", KeyPair.generate().publicKey());
        small.register(a);
        for (String t : List.of("one", "two", "three")) {
            small.handle(a, new ChatCommand.Say(null, t, null));
        }
        RecordingMember b = new RecordingMember("b", KeyPair.generate().publicKey());
        small.register(b);
        ChatEvent.History replay = b.of(ChatEvent.History.class).get(0);
        assertThat(replay.replay()).isTrue();
        assertThat(replay.lines()).extracting(ChatLine::text).containsExactly("two", "three");
        assertThat(replay.hasMore()).isTrue();
    }

    @Test
    void messagesToARoomOnlyReachItsMembers() {
        RecordingMember a = member("a");
        RecordingMember b = member("b");
        router.handle(a, new ChatCommand.Join("r"));
        router.handle(a, new ChatCommand.Say("r", "private-ish", null));
        assertThat(b.of(ChatEvent.RoomMessage.class)).isEmpty();
        router.handle(b, new ChatCommand.Say("r", "not member", "x"));
        assertThat(b.of(ChatEvent.Error.class))
                .extracting(ChatEvent.Error::code)
                .containsExactly("not_member");
    }

    @Test
    void textLimitsAndStorageFailuresAreErrorsNotCrashes() {
        RecordingMember a = member("a");
        router.handle(a, new ChatCommand.Say(null, "x".repeat(101), "long"));
        router.handle(a, new ChatCommand.Say(null, "   ", "blank"));
        history.broken = true;
        router.handle(a, new ChatCommand.Say(null, "ok", "io"));
        assertThat(a.of(ChatEvent.Error.class))
                .extracting(ChatEvent.Error::code)
                .containsExactly("too_long", "bad_request", "internal");
        assertThat(a.of(ChatEvent.RoomMessage.class)).isEmpty();
    }

    @Test
    void directMessagesReachEveryConnectionOfBothSidesOnce() {
        RecordingMember a = member("a");
        RecordingMember b = member("b");
        RecordingMember c = member("c");
        router.handle(a, new ChatCommand.Direct("b", "psst", null));
        assertThat(b.of(ChatEvent.DirectMessage.class)).hasSize(1);
        assertThat(a.of(ChatEvent.DirectMessage.class)).hasSize(1);
        assertThat(c.of(ChatEvent.DirectMessage.class)).isEmpty();
        router.handle(a, new ChatCommand.Direct("zed", "?", "d"));
        assertThat(a.of(ChatEvent.Error.class))
                .extracting(ChatEvent.Error::code)
                .containsExactly("unknown_user");
    }

    @Test
    void leavingAnnouncesAndMainCannotBeLeft() {
        RecordingMember a = member("a");
        RecordingMember b = member("b");
        router.handle(a, new ChatCommand.Join("r"));
        router.handle(b, new ChatCommand.Join("r"));
        router.handle(a, new ChatCommand.Leave(null));
        assertThat(b.of(ChatEvent.Left.class)).containsExactly(new ChatEvent.Left("r", "a"));
        router.handle(a, new ChatCommand.Leave("main"));
        assertThat(a.of(ChatEvent.Error.class))
                .extracting(ChatEvent.Error::code)
                .containsExactly("forbidden");
        router.unregister(b);
        assertThat(a.of(ChatEvent.Left.class)).contains(new ChatEvent.Left("main", "b"));
    }

    @Test
    void orderInARoomIsTheSameForEveryMemberUnderConcurrency() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        Router r = new Router(single, new LocalBus(), new FakeHistory(), 0, 100, Clock.systemUTC());
        List<RecordingMember> ms = new ArrayList<>();
        for (String n : List.of("p", "q", "s")) {
            RecordingMember m = new RecordingMember(n, KeyPair.generate().publicKey());
            r.register(m);
            ms.add(m);
        }
        ExecutorService senders = Executors.newFixedThreadPool(3);
        for (RecordingMember m : ms) {
            senders.execute(
                    () -> {
                        for (int i = 0; i < 200; i++) {
                            r.handle(m, new ChatCommand.Say(null, m.name + i, null));
                        }
                    });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        single.shutdown();
        assertThat(single.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        List<String> first =
                ms.get(0).of(ChatEvent.RoomMessage.class).stream()
                        .map(e -> e.line().text())
                        .toList();
        assertThat(first).hasSize(600);
        for (RecordingMember m : ms) {
            assertThat(
                            m.of(ChatEvent.RoomMessage.class).stream()
                                    .map(e -> e.line().text())
                                    .toList())
                    .isEqualTo(first);
        }
    }
}
