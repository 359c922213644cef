package dev.parley.server.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Local room membership. Confined to the router thread: not thread-safe. */
final class Rooms {
    private final Map<String, Set<Member>> members = new TreeMap<>();

    boolean add(String room, Member m) {
        return members.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(m);
    }

    boolean remove(String room, Member m) {
        Set<Member> set = members.get(room);
        if (set == null || !set.remove(m)) {
            return false;
        }
        if (set.isEmpty()) {
            members.remove(room);
        }
        return true;
    }

    boolean contains(String room, Member m) {
        Set<Member> set = members.get(room);
        return set != null && set.contains(m);
    }

    /** Members in join order; a snapshot. */
    List<Member> membersOf(String room) {
        Set<Member> set = members.get(room);
        return set == null ? List.of() : new ArrayList<>(set);
    }

    List<String> namesIn(String room) {
        TreeSet<String> names = new TreeSet<>();
        for (Member m : membersOf(room)) {
            names.add(m.name());
        }
        return List.copyOf(names);
    }

    boolean nameIn(String room, String name) {
        for (Member m : membersOf(room)) {
            if (m.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    List<ChatEvent.RoomInfo> list() {
        List<ChatEvent.RoomInfo> out = new ArrayList<>();
        for (String room : members.keySet()) {
            out.add(new ChatEvent.RoomInfo(room, namesIn(room).size()));
        }
        return out;
    }
}
