package dev.parley.server.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is online: name to live connections (several for one name only with the same key). Confined
 * to the router thread: not thread-safe.
 */
final class Presence {
    private final Map<String, List<Member>> live = new HashMap<>();

    /** Adds {@code m} unless its name is held live by another key; returns whether added. */
    boolean claim(Member m) {
        List<Member> held = live.get(m.name());
        if (held != null && !held.isEmpty() && !held.get(0).publicKey().equals(m.publicKey())) {
            return false;
        }
        live.computeIfAbsent(m.name(), n -> new ArrayList<>()).add(m);
        return true;
    }

    void release(Member m) {
        List<Member> held = live.get(m.name());
        if (held != null && held.remove(m) && held.isEmpty()) {
            live.remove(m.name());
        }
    }

    List<Member> connectionsOf(String name) {
        List<Member> held = live.get(name);
        return held == null ? List.of() : List.copyOf(held);
    }

    boolean isOnline(String name) {
        return live.containsKey(name);
    }
}
