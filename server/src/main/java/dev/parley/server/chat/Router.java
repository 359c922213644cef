package dev.parley.server.chat;

import dev.parley.protocol.Names;
import dev.parley.server.chat.Bus.BusMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat logic: rooms, presence, direct messages, history. Every call is queued onto one executor
 * (the ordering point), so all members of a room see its messages in one order.
 *
 * <p>Thread-safe: the public methods may be called from any thread; they never block. History
 * storage is called on the router executor, never on an event loop.
 */
public final class Router {
    public static final String DEFAULT_ROOM = "main";
    public static final int MAX_HISTORY_PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private static final ThreadLocal<Boolean> ON_ROUTER = ThreadLocal.withInitial(() -> false);
    private final Executor executor;
    private final Bus bus;
    private final RoomHistory history;
    private final int historyReplay;
    private final int maxMessageBytes;
    private final Clock clock;
    private final Rooms rooms = new Rooms();
    private final Presence presence = new Presence();
    private final Map<Member, MemberState> states = new HashMap<>();

    private static final class MemberState {
        final Set<String> rooms = new LinkedHashSet<>();

        /**
         * Per room, the newest id in the join replay: a bus that delivers asynchronously may still
         * bring those.
         */
        final Map<String, Long> replayedUpTo = new HashMap<>();

        String current = DEFAULT_ROOM;
    }

    public Router(
            Executor executor,
            Bus bus,
            RoomHistory history,
            int historyReplay,
            int maxMessageBytes,
            Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.history = Objects.requireNonNull(history, "history");
        this.historyReplay = historyReplay;
        this.maxMessageBytes = maxMessageBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        // A local bus calls back on the router thread: fan out at once, so that a member who
        // joins next sees the message in history exactly once, not also as a live delivery.
        bus.subscribe(
                m -> {
                    if (ON_ROUTER.get()) {
                        fanOut(m);
                    } else {
                        run(() -> fanOut(m));
                    }
                });
    }

    /** A member finished its handshake: claim its name, welcome it, join {@value #DEFAULT_ROOM}. */
    public void register(Member m) {
        run(
                () -> {
                    if (!presence.claim(m)) {
                        m.refuseNameTaken();
                        return;
                    }
                    states.put(m, new MemberState());
                    m.deliver(new ChatEvent.Welcome(m.name(), List.of(DEFAULT_ROOM)));
                    join(m, DEFAULT_ROOM);
                });
    }

    /** The member's connection is gone. Idempotent. */
    public void unregister(Member m) {
        run(
                () -> {
                    MemberState st = states.remove(m);
                    if (st == null) {
                        return;
                    }
                    presence.release(m);
                    for (String room : st.rooms) {
                        rooms.remove(room, m);
                        if (!rooms.nameIn(room, m.name())) {
                            bus.publish(new BusMessage.Left(room, m.name()));
                        }
                    }
                });
    }

    public void handle(Member m, ChatCommand command) {
        run(
                () -> {
                    MemberState st = states.get(m);
                    if (st != null) {
                        dispatch(m, st, command);
                    }
                });
    }

    private void dispatch(Member m, MemberState st, ChatCommand command) {
        if (command instanceof ChatCommand.Say say) {
            say(m, st, say);
        } else if (command instanceof ChatCommand.Direct dm) {
            direct(m, dm);
        } else if (command instanceof ChatCommand.Join j) {
            if (!validRoom(m, j.room())) {
                return;
            }
            st.current = j.room();
            if (!st.rooms.contains(j.room())) {
                join(m, j.room());
            } else {
                m.deliver(new ChatEvent.Joined(j.room(), m.name()));
                m.deliver(new ChatEvent.Members(j.room(), namesIn(j.room())));
            }
        } else if (command instanceof ChatCommand.Leave l) {
            leave(m, st, l.room() == null ? st.current : l.room());
        } else if (command instanceof ChatCommand.ListRooms) {
            m.deliver(new ChatEvent.RoomList(roomList()));
        } else if (command instanceof ChatCommand.Who w) {
            String room = w.room() == null ? st.current : w.room();
            m.deliver(new ChatEvent.Members(room, namesIn(room)));
        } else if (command instanceof ChatCommand.History h) {
            page(m, st, h);
        }
    }

    private void join(Member m, String room) {
        MemberState st = states.get(m);
        boolean nameWasThere = rooms.nameIn(room, m.name());
        rooms.add(room, m);
        st.rooms.add(room);
        st.current = room;
        if (!nameWasThere) {
            bus.publish(new BusMessage.Joined(room, m.name()));
        } else {
            m.deliver(new ChatEvent.Joined(room, m.name()));
        }
        if (historyReplay > 0) {
            try {
                List<ChatLine> lines = history.latest(room, historyReplay);
                if (!lines.isEmpty()) {
                    st.replayedUpTo.put(room, lines.get(lines.size() - 1).id());
                }
                m.deliver(new ChatEvent.History(room, lines, true, lines.size() == historyReplay));
            } catch (RoomHistory.HistoryUnavailableException e) {
                log.warn("history replay failed: {}", e.getMessage());
            }
        }
        m.deliver(new ChatEvent.Members(room, namesIn(room)));
    }

    /** Rooms with members here or, in a cluster, on the other nodes, with their member counts. */
    private List<ChatEvent.RoomInfo> roomList() {
        Map<String, Collection<String>> elsewhere = bus.roomsElsewhere();
        if (elsewhere.isEmpty()) {
            return rooms.list();
        }
        java.util.TreeMap<String, Set<String>> all = new java.util.TreeMap<>();
        elsewhere.forEach(
                (room, names) -> all.computeIfAbsent(room, r -> new TreeSet<>()).addAll(names));
        for (ChatEvent.RoomInfo local : rooms.list()) {
            all.computeIfAbsent(local.name(), r -> new TreeSet<>())
                    .addAll(rooms.namesIn(local.name()));
        }
        return all.entrySet().stream()
                .map(e -> new ChatEvent.RoomInfo(e.getKey(), e.getValue().size()))
                .toList();
    }

    /** Members of {@code room} here and, in a cluster, on the other nodes. */
    private List<String> namesIn(String room) {
        Collection<String> elsewhere = bus.namesElsewhere(room);
        if (elsewhere.isEmpty()) {
            return rooms.namesIn(room);
        }
        TreeSet<String> all = new TreeSet<>(rooms.namesIn(room));
        all.addAll(elsewhere);
        return List.copyOf(all);
    }

    private void leave(Member m, MemberState st, String room) {
        if (DEFAULT_ROOM.equals(room)) {
            m.deliver(new ChatEvent.Error("forbidden", "you cannot leave " + DEFAULT_ROOM, null));
            return;
        }
        if (!st.rooms.remove(room)) {
            m.deliver(new ChatEvent.Error("not_member", "you are not in " + room, null));
            return;
        }
        st.replayedUpTo.remove(room);
        rooms.remove(room, m);
        if (room.equals(st.current)) {
            st.current = DEFAULT_ROOM;
        }
        m.deliver(new ChatEvent.Left(room, m.name()));
        if (!rooms.nameIn(room, m.name())) {
            bus.publish(new BusMessage.Left(room, m.name()));
        }
    }

    private void say(Member m, MemberState st, ChatCommand.Say say) {
        String room = say.room() == null ? st.current : say.room();
        if (!st.rooms.contains(room)) {
            m.deliver(new ChatEvent.Error("not_member", "you are not in " + room, say.clientId()));
            return;
        }
        if (!checkText(m, say.text(), say.clientId())) {
            return;
        }
        ChatLine line;
        try {
            line = history.append(room, m.name(), say.text(), clock.instant());
        } catch (RoomHistory.HistoryUnavailableException e) {
            log.warn("history append failed: {}", e.getMessage());
            m.deliver(
                    new ChatEvent.Error(
                            "internal", "message not stored, try again", say.clientId()));
            return;
        }
        if (say.clientId() != null) {
            m.deliver(new ChatEvent.Ack(say.clientId(), line.id(), line.timestamp()));
        }
        bus.publish(new BusMessage.Posted(line));
    }

    private void direct(Member m, ChatCommand.Direct dm) {
        if (!presence.isOnline(dm.to()) && !bus.isOnlineElsewhere(dm.to())) {
            m.deliver(
                    new ChatEvent.Error("unknown_user", dm.to() + " is not online", dm.clientId()));
            return;
        }
        if (!checkText(m, dm.text(), dm.clientId())) {
            return;
        }
        Instant now = clock.instant();
        if (dm.clientId() != null) {
            m.deliver(new ChatEvent.Ack(dm.clientId(), 0, now));
        }
        bus.publish(new BusMessage.Direct(m.name(), dm.to(), dm.text(), now));
    }

    private void page(Member m, MemberState st, ChatCommand.History h) {
        String room = h.room() == null ? st.current : h.room();
        if (!st.rooms.contains(room)) {
            m.deliver(new ChatEvent.Error("not_member", "you are not in " + room, null));
            return;
        }
        int limit = Math.max(1, Math.min(MAX_HISTORY_PAGE, h.limit()));
        try {
            List<ChatLine> lines =
                    h.beforeId() == null
                            ? history.latest(room, limit)
                            : history.before(room, h.beforeId(), limit);
            m.deliver(new ChatEvent.History(room, lines, false, lines.size() == limit));
        } catch (RoomHistory.HistoryUnavailableException e) {
            log.warn("history read failed: {}", e.getMessage());
            m.deliver(new ChatEvent.Error("internal", "history unavailable", null));
        }
    }

    private boolean checkText(Member m, String text, String clientId) {
        if (text.isBlank()) {
            m.deliver(new ChatEvent.Error("bad_request", "empty message", clientId));
            return false;
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
            m.deliver(
                    new ChatEvent.Error(
                            "too_long",
                            "message longer than " + maxMessageBytes + " bytes",
                            clientId));
            return false;
        }
        return true;
    }

    private boolean validRoom(Member m, String room) {
        if (room == null || !Names.isValidRoomName(room)) {
            m.deliver(new ChatEvent.Error("bad_request", "invalid room name", null));
            return false;
        }
        return true;
    }

    /** Bus traffic to local members; runs on the router executor. */
    private void fanOut(BusMessage message) {
        if (message instanceof BusMessage.Posted p) {
            ChatEvent e = new ChatEvent.RoomMessage(p.line());
            for (Member x : rooms.membersOf(p.line().room())) {
                MemberState st = states.get(x);
                if (st == null
                        || st.replayedUpTo.getOrDefault(p.line().room(), 0L) < p.line().id()) {
                    x.deliver(e);
                }
            }
        } else if (message instanceof BusMessage.Joined j) {
            ChatEvent e = new ChatEvent.Joined(j.room(), j.name());
            rooms.membersOf(j.room()).forEach(x -> x.deliver(e));
        } else if (message instanceof BusMessage.Left l) {
            ChatEvent e = new ChatEvent.Left(l.room(), l.name());
            rooms.membersOf(l.room()).forEach(x -> x.deliver(e));
        } else if (message instanceof BusMessage.Direct d) {
            ChatEvent e = new ChatEvent.DirectMessage(d.from(), d.to(), d.text(), d.timestamp());
            presence.connectionsOf(d.to()).forEach(x -> x.deliver(e));
            if (!d.from().equals(d.to())) {
                presence.connectionsOf(d.from()).forEach(x -> x.deliver(e));
            }
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(
                    () -> {
                        ON_ROUTER.set(true);
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            log.error("router task failed", e);
                        } finally {
                            ON_ROUTER.set(false);
                        }
                    });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("router stopped; task dropped"); // only during shutdown
        }
    }
}
