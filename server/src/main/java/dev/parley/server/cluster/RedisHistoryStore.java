package dev.parley.server.cluster;

import dev.parley.server.store.HistoryStore;
import dev.parley.server.store.StorageException;
import dev.parley.server.store.StoredMessage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HistoryStore} where each conversation is one Redis stream, trimmed to about {@code
 * historyLength} entries (XADD MAXLEN ~). The stream is also the room fan-out that {@link RedisBus}
 * reads, so history and delivery share one order.
 *
 * <p>Message id {@code n} is stream entry id {@code n-0}. A node seals the entry for the id it
 * expects next (the id is in the seal's context) and a Lua script appends it only if that id is
 * still next; otherwise the script answers the current last id and the node re-seals and tries
 * again. The script also recognises its own entry when a write is re-sent after a lost reply, so a
 * retry never stores a message twice. Appends from one node to one conversation are serialised
 * locally, so retries happen only between nodes, and the node remembers the last id it appended, so
 * an uncontended append is one round trip.
 */
final class RedisHistoryStore implements HistoryStore {
    /** The most records one call returns, whatever limit is asked for. */
    static final int MAX_LIMIT = 1000;

    private static final int MAX_APPEND_TRIES = 64;
    private static final int LOCK_STRIPES = 64;
    private static final int MAX_REMEMBERED = 100_000;

    /**
     * KEYS[1] stream; ARGV: id, sealed body, maxlen. Returns {1, id} stored, {0, last id} not next.
     */
    private static final String APPEND_SCRIPT =
            String.join(
                    "\n",
                    "local last = 0",
                    "if redis.call('EXISTS', KEYS[1]) == 1 then",
                    "  local info = redis.call('XINFO', 'STREAM', KEYS[1])",
                    "  for i = 1, #info, 2 do",
                    "    if info[i] == 'last-generated-id' then last = tonumber(string.match(info[i + 1], '^(%d+)')) end",
                    "  end",
                    "end",
                    "local want = tonumber(ARGV[1])",
                    "if want == last + 1 then",
                    "  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], ARGV[1] .. '-0', 'm', ARGV[2])",
                    "  return {1, want}",
                    "end",
                    "if want <= last then",
                    "  local e = redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', ARGV[1] .. '-0')",
                    "  if #e == 1 and e[1][2][2] == ARGV[2] then return {1, want} end",
                    "end",
                    "return {0, last}");

    private final RedisStorage owner;
    private final RedisCommands<String, byte[]> redis;
    private final ClusterCodec codec;
    private final byte[] maxLength;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /** A first guess of each stream's last id; the script corrects a wrong one. */
    private final Map<String, Long> lastAppended = new ConcurrentHashMap<>();

    RedisHistoryStore(
            RedisStorage owner,
            RedisCommands<String, byte[]> redis,
            ClusterCodec codec,
            long historyLength) {
        this.owner = owner;
        this.redis = redis;
        this.codec = codec;
        this.maxLength = ascii(Long.toString(historyLength));
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public StoredMessage append(
            String conversation, String sender, String text, long timestampMillis)
            throws StorageException {
        requireConversation(conversation);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        owner.check();
        String key = codec.conversationKey(conversation);
        synchronized (locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)]) {
            Long known = lastAppended.get(key);
            long next = (known != null ? known : lastId(key)) + 1;
            for (int attempt = 0; attempt < MAX_APPEND_TRIES; attempt++) {
                byte[] body = codec.sealMessage(conversation, next, sender, text, timestampMillis);
                List<Object> result;
                try {
                    result =
                            redis.eval(
                                    APPEND_SCRIPT,
                                    ScriptOutputType.MULTI,
                                    new String[] {key},
                                    ascii(Long.toString(next)),
                                    body,
                                    maxLength);
                } catch (RedisException e) {
                    throw new StorageException("Redis failed while appending a message", e);
                }
                if (result.size() != 2
                        || !(result.get(0) instanceof Long)
                        || !(result.get(1) instanceof Long)) {
                    throw new StorageException("unexpected answer from the append script");
                }
                if ((Long) result.get(0) == 1) {
                    remember(key, next);
                    return new StoredMessage(next, conversation, sender, text, timestampMillis);
                }
                next = (Long) result.get(1) + 1; // another node appended first (or Redis lost data)
            }
        }
        throw new StorageException("too much contention appending to one conversation");
    }

    @Override
    public List<StoredMessage> latest(String conversation, int limit) throws StorageException {
        return read(conversation, Range.unbounded(), limit, true);
    }

    @Override
    public List<StoredMessage> before(String conversation, long beforeId, int limit)
            throws StorageException {
        checkLimit(limit);
        if (beforeId <= 1) {
            requireConversation(conversation);
            return List.of();
        }
        return read(conversation, Range.create("0-1", (beforeId - 1) + "-0"), limit, true);
    }

    @Override
    public List<StoredMessage> after(String conversation, long afterId, int limit)
            throws StorageException {
        checkLimit(limit);
        if (afterId == Long.MAX_VALUE) {
            requireConversation(conversation);
            return List.of();
        }
        return read(conversation, Range.create(Math.max(1, afterId + 1) + "-0", "+"), limit, false);
    }

    /** Remembers the last id per stream so the common append is one round trip; bounded. */
    private void remember(String key, long id) {
        if (lastAppended.size() >= MAX_REMEMBERED) {
            lastAppended.clear();
        }
        lastAppended.put(key, id);
    }

    /** The id of the newest entry ever appended to {@code key} (0 if none). */
    long lastId(String key) throws StorageException {
        try {
            List<StreamMessage<String, byte[]>> top =
                    redis.xrevrange(key, Range.unbounded(), Limit.from(1));
            return top.isEmpty() ? 0 : parseId(top.get(0).getId());
        } catch (RedisException e) {
            throw new StorageException("Redis unavailable", e);
        }
    }

    private List<StoredMessage> read(
            String conversation, Range<String> range, int limit, boolean newestFirst)
            throws StorageException {
        requireConversation(conversation);
        checkLimit(limit);
        owner.check();
        String key = codec.conversationKey(conversation);
        Limit capped = Limit.from(Math.min(limit, MAX_LIMIT));
        List<StreamMessage<String, byte[]>> entries;
        try {
            entries =
                    newestFirst
                            ? redis.xrevrange(key, range, capped)
                            : redis.xrange(key, range, capped);
        } catch (RedisException e) {
            throw new StorageException("Redis failed while reading history", e);
        }
        List<StoredMessage> out = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> e : entries) {
            out.add(open(codec, conversation, e));
        }
        if (newestFirst) {
            Collections.reverse(out);
        }
        return List.copyOf(out);
    }

    /** Decodes one stream entry of {@code conversation}; the bus uses this too. */
    static StoredMessage open(
            ClusterCodec codec, String conversation, StreamMessage<String, byte[]> entry)
            throws StorageException {
        long id = parseId(entry.getId());
        byte[] body = entry.getBody().get(ClusterCodec.FIELD);
        if (body == null || entry.getBody().size() != 1) {
            throw new StorageException("history entry " + id + " has an unknown format");
        }
        return codec.openMessage(conversation, id, body);
    }

    /** Parses {@code "n-0"}; anything else was not written by this code. */
    static long parseId(String streamId) throws StorageException {
        int dash = streamId.indexOf('-');
        try {
            if (dash > 0 && streamId.substring(dash + 1).equals("0")) {
                long id = Long.parseLong(streamId.substring(0, dash));
                if (id > 0) {
                    return id;
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new StorageException("history stream holds an entry id this version did not write");
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    private static void requireConversation(String conversation) {
        if (Objects.requireNonNull(conversation, "conversation").isEmpty()) {
            throw new IllegalArgumentException("conversation must not be empty");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
