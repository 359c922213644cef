package dev.parley.server.cluster;

import dev.parley.server.chat.Bus;
import dev.parley.server.chat.ChatLine;
import dev.parley.server.store.StorageException;
import dev.parley.server.store.StoredMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Bus} of one node in a Redis cluster.
 *
 * <ul>
 *   <li>Room messages: the conversation stream that {@link RedisHistoryStore#append} wrote is the
 *       fan-out, so {@code publish(Posted)} does nothing here. A reader thread follows, with XREAD
 *       BLOCK on a connection of its own, the stream of every room that has local members, from the
 *       last entry id it delivered, and hands every entry to the subscribers (this node's router)
 *       in stream order: every member on every node sees one order, and after a lost connection the
 *       reader resumes where it stopped.
 *   <li>Joins, leaves and direct messages: delivered to local subscribers at once (on the caller's
 *       thread, as {@code LocalBus} does) and appended to the events stream through an {@link
 *       EventOutbox}; the other nodes' readers deliver them there.
 *   <li>Presence of other nodes: {@link ClusterPresence}.
 * </ul>
 *
 * A room is followed from the moment its first local member joins: {@code publish(Joined)} reads
 * the stream's last id synchronously, before the router reads the join replay, so replay and live
 * delivery meet without a gap (the router drops live entries already replayed). Thread-safe.
 */
public final class RedisBus implements Bus {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    private static final Duration BLOCK = Duration.ofMillis(200);
    private static final int READ_COUNT = 256;
    private static final int DEDUP_WINDOW = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterCodec codec;
    private final String nodeId;
    private final StatefulRedisConnection<String, byte[]> readConnection;
    private final StatefulRedisConnection<String, byte[]> writeConnection;
    private final RedisCommands<String, byte[]> redis;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, Follow> follows = new ConcurrentHashMap<>(); // by stream key
    private final ClusterPresence presence;
    private final EventOutbox outbox;
    private final RecentIds seenEvents = new RecentIds(DEDUP_WINDOW);
    private final Thread reader;
    private final Thread maintenance;
    private volatile boolean running = true;
    private volatile String eventsCursor;

    /** One followed room: its name and the id of the last entry delivered (null: not known yet). */
    private static final class Follow {
        final String room;
        volatile Long lastId;

        Follow(String room, Long lastId) {
            this.room = room;
            this.lastId = lastId;
        }
    }

    private RedisBus(RedisClient client, ClusterCodec codec) throws StorageException {
        this.codec = codec;
        this.nodeId = HexFormat.of().formatHex(randomBytes(8));
        StatefulRedisConnection<String, byte[]> read = null;
        try {
            read = client.connect(RedisStorage.CODEC);
            this.writeConnection = client.connect(RedisStorage.CODEC);
        } catch (RedisException e) {
            if (read != null) {
                read.close();
            }
            throw new StorageException("cannot connect to Redis", e);
        }
        this.readConnection = read;
        this.redis = writeConnection.sync();
        this.eventsCursor = topId(codec.eventsKey(), "0-0");
        this.presence =
                new ClusterPresence(
                        redis,
                        codec,
                        nodeId,
                        (room, name) -> deliver(new BusMessage.Left(room, name)));
        this.outbox = new EventOutbox(redis, codec.eventsKey(), "parley-cluster-outbox-" + nodeId);
        this.reader = new Thread(this::readLoop, "parley-cluster-reader-" + nodeId);
        this.maintenance = new Thread(this::maintain, "parley-cluster-presence-" + nodeId);
        reader.setDaemon(true);
        maintenance.setDaemon(true);
        reader.start();
        maintenance.start();
        log.info("cluster node {} joined", nodeId);
    }

    static RedisBus start(RedisClient client, ClusterCodec codec) throws StorageException {
        return new RedisBus(client, codec);
    }

    /** This node's random id (a new one at every start). */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(BusMessage message) {
        if (message instanceof BusMessage.Posted) {
            return; // already in the room stream: the reader delivers it, here too
        }
        if (message instanceof BusMessage.Joined j && presence.add(j.room(), j.name())) {
            String key = codec.conversationKey(j.room());
            follows.put(key, new Follow(j.room(), lastIdOrNull(key)));
        } else if (message instanceof BusMessage.Left l && presence.remove(l.room(), l.name())) {
            follows.remove(codec.conversationKey(l.room()));
        }
        deliver(message);
        outbox.offer(codec.sealEvent(nodeId, randomBytes(16), toEvent(message)));
    }

    @Override
    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public boolean isOnlineElsewhere(String name) {
        return presence.isOnlineElsewhere(name);
    }

    @Override
    public Collection<String> namesElsewhere(String room) {
        return presence.namesElsewhere(room);
    }

    @Override
    public Map<String, Collection<String>> roomsElsewhere() {
        return Map.copyOf(presence.roomsElsewhere());
    }

    private void deliver(BusMessage m) {
        for (Subscriber s : subscribers) {
            try {
                s.onMessage(m);
            } catch (RejectedExecutionException e) {
                // the router stopped before this bus: the node is shutting down
            }
        }
    }

    private void readLoop() {
        long backoffMillis = 50;
        boolean recovering = false;
        while (running) {
            try {
                if (recovering) {
                    verifyCursors();
                    recovering = false;
                    log.info("cluster reader is back on Redis");
                }
                List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
                offsets.add(XReadArgs.StreamOffset.from(codec.eventsKey(), eventsCursor));
                for (Map.Entry<String, Follow> f : follows.entrySet()) {
                    Follow follow = f.getValue();
                    if (follow.lastId == null) {
                        follow.lastId = lastIdOrNull(f.getKey()); // joined while Redis was away
                    }
                    if (follow.lastId != null) {
                        offsets.add(XReadArgs.StreamOffset.from(f.getKey(), follow.lastId + "-0"));
                    }
                }
                @SuppressWarnings({"unchecked", "rawtypes"}) // generic array of Lettuce's type
                XReadArgs.StreamOffset<String>[] array =
                        offsets.toArray(new XReadArgs.StreamOffset[0]);
                List<StreamMessage<String, byte[]>> entries =
                        readConnection
                                .sync()
                                .xread(XReadArgs.Builder.block(BLOCK).count(READ_COUNT), array);
                for (StreamMessage<String, byte[]> e : entries) {
                    if (e.getStream().equals(codec.eventsKey())) {
                        onEvent(e);
                    } else {
                        onRoomEntry(e);
                    }
                }
                backoffMillis = 50;
            } catch (RedisException e) {
                if (!running) {
                    return;
                }
                if (!recovering) {
                    log.warn(
                            "cluster reader lost Redis, retrying: {}",
                            e.getClass().getSimpleName());
                }
                recovering = true;
                sleep(backoffMillis);
                backoffMillis = Math.min(2000, backoffMillis * 2);
            } catch (RuntimeException e) {
                log.error("cluster reader failed on an entry", e);
                sleep(backoffMillis);
            }
        }
    }

    private void onRoomEntry(StreamMessage<String, byte[]> e) {
        Follow follow = follows.get(e.getStream());
        if (follow == null) {
            return; // no local member any more
        }
        try {
            long id = RedisHistoryStore.parseId(e.getId());
            if (follow.lastId != null && id <= follow.lastId) {
                return;
            }
            follow.lastId = id;
            StoredMessage m = RedisHistoryStore.open(codec, follow.room, e);
            deliver(
                    new BusMessage.Posted(
                            new ChatLine(
                                    m.id(),
                                    m.conversation(),
                                    m.sender(),
                                    m.text(),
                                    Instant.ofEpochMilli(m.timestampMillis()))));
        } catch (StorageException ex) {
            log.warn("skipping a room entry: {}", ex.getMessage());
        }
    }

    private void onEvent(StreamMessage<String, byte[]> e) {
        eventsCursor = e.getId();
        byte[] body = e.getBody().get(ClusterCodec.FIELD);
        if (body == null) {
            return;
        }
        try {
            ClusterCodec.Envelope env = codec.openEvent(body);
            if (env.origin().equals(nodeId)
                    || !seenEvents.add(HexFormat.of().formatHex(env.eventId()))) {
                return; // ours (delivered at publish) or a re-sent duplicate
            }
            deliver(ClusterCodec.toBusMessage(env.event()));
        } catch (StorageException ex) {
            log.warn("skipping a cluster event: {}", ex.getMessage());
        }
    }

    /**
     * After a lost connection: if a stream now ends before our cursor, Redis lost its data
     * (restarted without persistence); follow the new stream from its start.
     */
    private void verifyCursors() {
        for (Map.Entry<String, Follow> f : follows.entrySet()) {
            Long top = lastIdOrNull(f.getKey());
            Long mine = f.getValue().lastId;
            if (top != null && mine != null && top < mine) {
                log.warn(
                        "a room stream is shorter than this node had read: Redis lost data; resuming from its start");
                f.getValue().lastId = 0L;
            }
        }
        String top = topId(codec.eventsKey(), "0-0");
        if (compareIds(top, eventsCursor) < 0) {
            eventsCursor = "0-0";
        }
    }

    private void maintain() {
        while (running) {
            presence.tick();
            sleep(100);
        }
    }

    private Long lastIdOrNull(String key) {
        try {
            List<StreamMessage<String, byte[]>> top =
                    redis.xrevrange(key, Range.unbounded(), Limit.from(1));
            return top.isEmpty() ? 0L : RedisHistoryStore.parseId(top.get(0).getId());
        } catch (RedisException | StorageException e) {
            return null;
        }
    }

    private String topId(String key, String fallback) {
        try {
            List<StreamMessage<String, byte[]>> top =
                    redis.xrevrange(key, Range.unbounded(), Limit.from(1));
            return top.isEmpty() ? fallback : top.get(0).getId();
        } catch (RedisException e) {
            return fallback;
        }
    }

    private static int compareIds(String a, String b) {
        String[] x = a.split("-", 2);
        String[] y = b.split("-", 2);
        int c = Long.compareUnsigned(Long.parseUnsignedLong(x[0]), Long.parseUnsignedLong(y[0]));
        return c != 0
                ? c
                : Long.compareUnsigned(Long.parseUnsignedLong(x[1]), Long.parseUnsignedLong(y[1]));
    }

    private static ClusterCodec.Event toEvent(BusMessage m) {
        if (m instanceof BusMessage.Joined j) {
            return new ClusterCodec.Event.Joined(j.room(), j.name());
        }
        if (m instanceof BusMessage.Left l) {
            return new ClusterCodec.Event.Left(l.room(), l.name());
        }
        BusMessage.Direct d = (BusMessage.Direct) m;
        return new ClusterCodec.Event.Direct(
                d.from(), d.to(), d.text(), d.timestamp().toEpochMilli());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the cluster: flushes queued events, withdraws presence, stops the threads. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        outbox.close();
        running = false;
        join(maintenance);
        join(reader);
        presence.withdraw();
        readConnection.close();
        writeConnection.close();
        subscribers.clear();
    }

    private static void join(Thread t) {
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
