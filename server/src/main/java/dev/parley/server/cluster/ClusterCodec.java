package dev.parley.server.cluster;

import dev.parley.server.chat.Bus.BusMessage;
import dev.parley.server.store.StorageException;
import dev.parley.server.store.StoredMessage;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Redis key names and the sealing of every value a node writes to Redis. Every value is a Secure
 * Cell Seal under the cluster key; its context is {@code "parley/cluster/v1" | purpose | redis key
 * | discriminator} (each as uint32 length | UTF-8), so a value copied to another key, stream entry
 * id, name or node fails to open.
 *
 * <pre>
 * {ns}:identities           hash  name -> seal(key bytes)                 ctx: identity, name
 * {ns}:conv:{hmac}          stream entry id "{n}-0", field m -> seal(ts | sender | text)
 *                                                                         ctx: message, conversation | n
 * {ns}:events               stream, field m -> seal(type | origin | event id | fields)   ctx: event
 * {ns}:node:{id}            string (expires) -> seal(room -> names)       ctx: presence, node id
 * {ns}:nodes                set of node ids
 * </pre>
 *
 * {@code hmac} is HMAC-SHA256 under a key derived from the cluster key, so Redis sees neither room
 * names nor who talks to whom; user names appear only as identity hash fields. Immutable and
 * thread-safe.
 */
final class ClusterCodec {
    static final String FIELD = "m";
    private static final int VERSION = 1;
    private static final byte[] HASH_LABEL =
            "parley/cluster/key-names/v1".getBytes(StandardCharsets.US_ASCII);

    /** What the events stream carries besides room messages. */
    sealed interface Event {
        record Joined(String room, String name) implements Event {}

        record Left(String room, String name) implements Event {}

        record Direct(String from, String to, String text, long timestampMillis) implements Event {}
    }

    /** An event with the node that published it and its unique id (for de-duplication). */
    record Envelope(String origin, byte[] eventId, Event event) {}

    private final String namespace;
    private final SecureCell.Seal cell;
    private final byte[] hashKey;

    ClusterCodec(SymmetricKey clusterKey, String namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        if (namespace.isEmpty()
                || namespace.chars().anyMatch(c -> c <= ' ' || c == ':' || c > '~')) {
            throw new IllegalArgumentException(
                    "namespace must be printable ASCII without spaces or ':'");
        }
        this.cell = SecureCell.sealWithKey(clusterKey);
        byte[] raw = clusterKey.toByteArray();
        this.hashKey = hmac(raw, HASH_LABEL);
        Arrays.fill(raw, (byte) 0);
    }

    String identitiesKey() {
        return namespace + ":identities";
    }

    String eventsKey() {
        return namespace + ":events";
    }

    String nodesKey() {
        return namespace + ":nodes";
    }

    String nodeKey(String nodeId) {
        return namespace + ":node:" + nodeId;
    }

    String conversationKey(String conversation) {
        byte[] h = hmac(hashKey, Fields.utf8(conversation));
        return namespace + ":conv:" + HexFormat.of().formatHex(h, 0, 16);
    }

    byte[] sealIdentity(String name, byte[] publicKey) {
        return cell.encrypt(publicKey, context("identity", identitiesKey(), name));
    }

    byte[] openIdentity(String name, byte[] sealed) throws StorageException {
        try {
            return cell.decrypt(sealed, context("identity", identitiesKey(), name));
        } catch (SecureCellException | RuntimeException e) {
            throw new StorageException(
                    "identity record failed its integrity check (wrong cluster key?)");
        }
    }

    byte[] sealMessage(
            String conversation, long id, String sender, String text, long timestampMillis) {
        byte[] plain =
                new Fields.Writer()
                        .u8(VERSION)
                        .i64(timestampMillis)
                        .string(sender)
                        .string(text)
                        .toByteArray();
        return cell.encrypt(plain, messageContext(conversation, id));
    }

    StoredMessage openMessage(String conversation, long id, byte[] sealed) throws StorageException {
        byte[] plain;
        try {
            plain = cell.decrypt(sealed, messageContext(conversation, id));
        } catch (SecureCellException | RuntimeException e) {
            throw new StorageException(
                    "history entry " + id + " failed its integrity check (wrong cluster key?)");
        }
        try {
            Fields.Reader in = new Fields.Reader(plain);
            version(in);
            long ts = in.i64();
            String sender = in.string();
            String text = in.string();
            in.end();
            return new StoredMessage(id, conversation, sender, text, ts);
        } catch (Fields.Malformed e) {
            throw new StorageException("history entry " + id + " has an unknown format");
        }
    }

    byte[] sealEvent(String origin, byte[] eventId, Event event) {
        Fields.Writer w = new Fields.Writer().u8(VERSION);
        if (event instanceof Event.Joined j) {
            w.u8(1).string(origin).bytes(eventId).string(j.room()).string(j.name());
        } else if (event instanceof Event.Left l) {
            w.u8(2).string(origin).bytes(eventId).string(l.room()).string(l.name());
        } else if (event instanceof Event.Direct d) {
            w.u8(3)
                    .string(origin)
                    .bytes(eventId)
                    .string(d.from())
                    .string(d.to())
                    .string(d.text())
                    .i64(d.timestampMillis());
        }
        return cell.encrypt(w.toByteArray(), context("event", eventsKey(), ""));
    }

    Envelope openEvent(byte[] sealed) throws StorageException {
        byte[] plain;
        try {
            plain = cell.decrypt(sealed, context("event", eventsKey(), ""));
        } catch (SecureCellException | RuntimeException e) {
            throw new StorageException(
                    "cluster event failed its integrity check (wrong cluster key?)");
        }
        try {
            Fields.Reader in = new Fields.Reader(plain);
            version(in);
            int type = in.u8();
            String origin = in.string();
            byte[] id = in.bytes();
            Event event =
                    switch (type) {
                        case 1 -> new Event.Joined(in.string(), in.string());
                        case 2 -> new Event.Left(in.string(), in.string());
                        case 3 -> new Event.Direct(in.string(), in.string(), in.string(), in.i64());
                        default -> throw new Fields.Malformed("unknown event type");
                    };
            in.end();
            return new Envelope(origin, id, event);
        } catch (Fields.Malformed e) {
            throw new StorageException("cluster event has an unknown format");
        }
    }

    static BusMessage toBusMessage(Event e) {
        if (e instanceof Event.Joined j) {
            return new BusMessage.Joined(j.room(), j.name());
        }
        if (e instanceof Event.Left l) {
            return new BusMessage.Left(l.room(), l.name());
        }
        Event.Direct d = (Event.Direct) e;
        return new BusMessage.Direct(
                d.from(), d.to(), d.text(), Instant.ofEpochMilli(d.timestampMillis()));
    }

    /** Seals one node's presence: for each room with local members, their names. */
    byte[] sealPresence(String nodeId, Map<String, Set<String>> rooms) {
        Fields.Writer w = new Fields.Writer().u8(VERSION).i32(rooms.size());
        for (Map.Entry<String, Set<String>> r : rooms.entrySet()) {
            w.string(r.getKey()).i32(r.getValue().size());
            for (String name : r.getValue()) {
                w.string(name);
            }
        }
        return cell.encrypt(w.toByteArray(), context("presence", nodeKey(nodeId), nodeId));
    }

    Map<String, Set<String>> openPresence(String nodeId, byte[] sealed) throws StorageException {
        try {
            Fields.Reader in =
                    new Fields.Reader(
                            cell.decrypt(sealed, context("presence", nodeKey(nodeId), nodeId)));
            version(in);
            Map<String, Set<String>> rooms = new TreeMap<>();
            int roomCount = in.i32();
            for (int i = 0; i < roomCount; i++) {
                String room = in.string();
                int n = in.i32();
                Set<String> names = new TreeSet<>();
                for (int k = 0; k < n; k++) {
                    names.add(in.string());
                }
                rooms.put(room, names);
            }
            in.end();
            return rooms;
        } catch (SecureCellException | RuntimeException e) {
            throw new StorageException(
                    "presence record failed its integrity check (wrong cluster key?)");
        } catch (Fields.Malformed e) {
            throw new StorageException("presence record has an unknown format");
        }
    }

    private byte[] messageContext(String conversation, long id) {
        return context("message", conversationKey(conversation), conversation + "\n" + id);
    }

    private static byte[] context(String purpose, String redisKey, String discriminator) {
        return new Fields.Writer()
                .string("parley/cluster/v1")
                .string(purpose)
                .string(redisKey)
                .string(discriminator)
                .toByteArray();
    }

    private static void version(Fields.Reader in) throws Fields.Malformed {
        if (in.u8() != VERSION) {
            throw new Fields.Malformed("unknown version");
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
