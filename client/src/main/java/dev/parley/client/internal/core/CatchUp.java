package dev.parley.client.internal.core;

import dev.parley.protocol.ServerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Remembers the newest message id seen per room and, after a reconnect, works out what was missed:
 * it pages back through the room's history until it reaches the last id seen, holding live messages
 * of that room meanwhile, then releases missed and held messages once each, in id order. I/O-free:
 * it says which page to ask for next and which messages to deliver.
 *
 * <p>Pages may arrive in any mix of "latest" and "before the oldest collected so far" (a join's
 * automatic replay can answer a request), so coverage is always [oldest collected, newest] and
 * collecting stops when it reaches the last seen id or the room has nothing older.
 *
 * <p>Not thread-safe: call from the connection's single executor thread.
 */
public final class CatchUp {
    /** Most history pages fetched per room per reconnect. */
    public static final int MAX_PAGES = 20;

    /** Most live messages held per room while catching up; beyond that catching up is abandoned. */
    public static final int MAX_HELD = 10_000;

    /**
     * What to do after a page: ask for the page before {@code beforeId}, or deliver {@code
     * messages}.
     */
    public record Step(OptionalLong beforeId, List<ServerEvent.Message> messages) {
        public boolean done() {
            return beforeId.isEmpty();
        }
    }

    private static final class Room {
        final long from;
        final TreeMap<Long, ServerEvent.Message> collected = new TreeMap<>();
        int pages;

        Room(long from) {
            this.from = from;
        }
    }

    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Room> active = new HashMap<>();

    /** The newest id seen in {@code room}; -1 if the room was seen empty or nothing is known. */
    public long lastSeen(String room) {
        return lastSeen.getOrDefault(room, -1L);
    }

    /**
     * Whether {@code room}'s position is known (a message was seen, or the room was seen empty), so
     * that a reconnect can tell what was missed. Without it there is nothing to catch up from.
     */
    public boolean knows(String room) {
        return lastSeen.containsKey(room);
    }

    /** {@code room} was seen empty (an empty replay page on joining): everything later is new. */
    public void seenEmpty(String room) {
        lastSeen.putIfAbsent(room, -1L);
    }

    public void left(String room) {
        lastSeen.remove(room);
        active.remove(room);
    }

    /** A message seen outside catching up (a requested or replayed history page, an ack). */
    public void seen(String room, long id) {
        lastSeen.merge(room, id, Math::max);
    }

    public boolean isCatchingUp(String room) {
        return active.containsKey(room);
    }

    /**
     * Starts catching up {@code room} (whose position must be {@link #knows known}); the caller
     * then asks for its latest page.
     */
    public void begin(String room) {
        if (!knows(room)) {
            throw new IllegalStateException("nothing known to catch up from");
        }
        active.put(room, new Room(lastSeen(room)));
    }

    /**
     * A live message arrived.
     *
     * @return the messages to deliver now: itself, nothing (held, or already seen), or, if holding
     *     overflowed, everything collected so far
     */
    public List<ServerEvent.Message> onLive(ServerEvent.Message m) {
        Room r = active.get(m.room());
        if (r != null) {
            if (m.id() > r.from) {
                r.collected.put(m.id(), m);
            }
            if (r.collected.size() > MAX_HELD) {
                return finish(m.room(), r);
            }
            return List.of();
        }
        if (lastSeen.containsKey(m.room()) && m.id() <= lastSeen(m.room())) {
            return List.of();
        }
        seen(m.room(), m.id());
        return List.of(m);
    }

    /**
     * A page answering a catch-up request for {@code room} that asked for {@code limit} messages.
     */
    public Step onPage(String room, ServerEvent.HistoryPage page, int limit) {
        Room r = active.get(room);
        if (r == null) {
            return new Step(OptionalLong.empty(), List.of());
        }
        r.pages++;
        boolean reached = page.messages().isEmpty();
        for (ServerEvent.Message m : page.messages()) {
            if (m.id() > r.from) {
                r.collected.put(m.id(), m);
            } else {
                reached = true;
            }
        }
        boolean older = page.hasMore() || page.messages().size() >= limit;
        if (reached || !older || r.pages >= MAX_PAGES || r.collected.isEmpty()) {
            return new Step(OptionalLong.empty(), finish(room, r));
        }
        return new Step(OptionalLong.of(r.collected.firstKey()), List.of());
    }

    /** Gives up catching up {@code room} (request failed): delivers what was collected. */
    public List<ServerEvent.Message> abort(String room) {
        Room r = active.get(room);
        return r == null ? List.of() : finish(room, r);
    }

    private List<ServerEvent.Message> finish(String room, Room r) {
        active.remove(room);
        List<ServerEvent.Message> out = new ArrayList<>(r.collected.values());
        if (!out.isEmpty()) {
            seen(room, out.get(out.size() - 1).id());
        }
        return out;
    }
}
