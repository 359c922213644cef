package dev.parley.server.cluster;

import dev.parley.server.store.StorageException;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in which room on every node. Each node keeps its own part as one sealed value, {@code
 * {ns}:node:{id}}, rewritten soon after a change and every {@link #HEARTBEAT_MILLIS} with an expiry
 * of {@link #EXPIRY_MILLIS}: a node that dies vanishes from everyone's view within that time, and
 * the node that notices reports its members as having left. The view of the other nodes is
 * refreshed every {@link #REFRESH_MILLIS} (and on demand).
 *
 * <p>Thread-safe. {@link #tick()} runs on the bus's own maintenance thread; the query methods may
 * be called on the router thread and then block at most for one Redis round trip.
 */
final class ClusterPresence {
    static final long HEARTBEAT_MILLIS = 2_000;
    static final long EXPIRY_MILLIS = 6_000;
    static final long REFRESH_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ClusterPresence.class);

    private final RedisCommands<String, byte[]> redis;
    private final ClusterCodec codec;
    private final String nodeId;
    private final BiConsumer<String, String> departed;
    private final Map<String, Set<String>> local = new TreeMap<>();
    private volatile Map<String, Map<String, Set<String>>> remote = Map.of();
    private final Object refreshLock = new Object();
    private boolean dirty = true;
    private long lastWrite;
    private volatile long lastRefresh;

    /**
     * @param departed called with (room, name) for members of a node found dead
     */
    ClusterPresence(
            RedisCommands<String, byte[]> redis,
            ClusterCodec codec,
            String nodeId,
            BiConsumer<String, String> departed) {
        this.redis = redis;
        this.codec = codec;
        this.nodeId = nodeId;
        this.departed = departed;
    }

    /** Records a local join; true if the room had no local member before. */
    synchronized boolean add(String room, String name) {
        dirty = true;
        Set<String> names = local.computeIfAbsent(room, r -> new TreeSet<>());
        boolean first = names.isEmpty();
        names.add(name);
        return first;
    }

    /** Records a local leave; true if the room has no local member now. */
    synchronized boolean remove(String room, String name) {
        Set<String> names = local.get(room);
        if (names == null || !names.remove(name)) {
            return false;
        }
        dirty = true;
        if (names.isEmpty()) {
            local.remove(room);
            return true;
        }
        return false;
    }

    /** Names in {@code room} on other live nodes (as of the last refresh). */
    List<String> namesElsewhere(String room) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Set<String>> node : remote.values()) {
            names.addAll(node.getOrDefault(room, Set.of()));
        }
        return List.copyOf(names);
    }

    /** Every room with members on other live nodes, with their names (as of the last refresh). */
    Map<String, Set<String>> roomsElsewhere() {
        Map<String, Set<String>> rooms = new TreeMap<>();
        for (Map<String, Set<String>> node : remote.values()) {
            node.forEach(
                    (room, names) ->
                            rooms.computeIfAbsent(room, r -> new TreeSet<>()).addAll(names));
        }
        return rooms;
    }

    /** Whether {@code name} is on another live node; refreshes the view once if not seen. */
    boolean isOnlineElsewhere(String name) {
        if (seen(name)) {
            return true;
        }
        refresh();
        return seen(name);
    }

    private boolean seen(String name) {
        for (Map<String, Set<String>> node : remote.values()) {
            for (Set<String> names : node.values()) {
                if (names.contains(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Writes this node's part when due and refreshes the view when due. Never throws. */
    void tick() {
        long now = System.currentTimeMillis();
        byte[] sealed = null;
        synchronized (this) {
            if (dirty || now - lastWrite >= HEARTBEAT_MILLIS) {
                Map<String, Set<String>> copy = new TreeMap<>();
                local.forEach((r, n) -> copy.put(r, new TreeSet<>(n)));
                sealed = codec.sealPresence(nodeId, copy);
                dirty = false;
                lastWrite = now;
            }
        }
        if (sealed != null) {
            try {
                redis.set(codec.nodeKey(nodeId), sealed, SetArgs.Builder.px(EXPIRY_MILLIS));
                redis.sadd(
                        codec.nodesKey(),
                        nodeId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (RedisException e) {
                synchronized (this) {
                    dirty = true; // write again as soon as Redis is back
                }
                log.debug("presence write failed: {}", e.getClass().getSimpleName());
            }
        }
        if (now - lastRefresh >= REFRESH_MILLIS) {
            refresh();
        }
    }

    /**
     * Re-reads every other node's part; a node whose part expired is dropped and reported. Redis is
     * read outside this object's lock, so {@link #add}/{@link #remove} (router thread) never wait
     * on Redis.
     */
    void refresh() {
        synchronized (refreshLock) {
            lastRefresh = System.currentTimeMillis();
            Map<String, Map<String, Set<String>>> view = new HashMap<>();
            try {
                for (byte[] idBytes : redis.smembers(codec.nodesKey())) {
                    String id = new String(idBytes, java.nio.charset.StandardCharsets.US_ASCII);
                    if (id.equals(nodeId)) {
                        continue;
                    }
                    byte[] sealed = redis.get(codec.nodeKey(id));
                    if (sealed == null) {
                        redis.srem(codec.nodesKey(), idBytes);
                        continue;
                    }
                    try {
                        view.put(id, codec.openPresence(id, sealed));
                    } catch (StorageException e) {
                        log.warn("ignoring node presence: {}", e.getMessage());
                    }
                }
            } catch (RedisException e) {
                log.debug("presence refresh failed: {}", e.getClass().getSimpleName());
                return; // keep the last view while Redis is away
            }
            Map<String, Map<String, Set<String>>> before = remote;
            remote = Map.copyOf(view);
            List<String[]> gone;
            synchronized (this) {
                gone = departed(before, view);
            }
            for (String[] g : gone) {
                departed.accept(g[0], g[1]);
            }
        }
    }

    /** Members of nodes that vanished, unless still present on a live node or here. */
    private List<String[]> departed(
            Map<String, Map<String, Set<String>>> before,
            Map<String, Map<String, Set<String>>> now) {
        List<String[]> gone = new ArrayList<>();
        for (Map.Entry<String, Map<String, Set<String>>> node : before.entrySet()) {
            if (now.containsKey(node.getKey())) {
                continue;
            }
            node.getValue()
                    .forEach(
                            (room, names) -> {
                                for (String name : names) {
                                    boolean stillThere =
                                            local.getOrDefault(room, Set.of()).contains(name)
                                                    || now.values().stream()
                                                            .anyMatch(
                                                                    n ->
                                                                            n.getOrDefault(
                                                                                            room,
                                                                                            Set
                                                                                                    .of())
                                                                                    .contains(
                                                                                            name));
                                    if (!stillThere) {
                                        gone.add(new String[] {room, name});
                                    }
                                }
                            });
        }
        return gone;
    }

    /** Removes this node's part (graceful shutdown). */
    void withdraw() {
        try {
            redis.del(codec.nodeKey(nodeId));
            redis.srem(
                    codec.nodesKey(), nodeId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (RedisException e) {
            log.debug("presence withdraw failed: {}", e.getClass().getSimpleName());
        }
    }
}
