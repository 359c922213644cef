package dev.parley.client;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.EventCodec;
import dev.parley.protocol.RoomInfo;
import dev.parley.protocol.ServerEvent;
import dev.parley.protocol.ServerLimits;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.UnwrapResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory v2 server for SDK tests: a real server-side Secure Session per socket, JSON events
 * through the real codec, rooms, history, acks. Also a {@link Transport}, so clients connect to it
 * without a network. Everything runs on one thread, in order.
 */
final class FakeServer implements Transport, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final EventCodec codec = new EventCodec();
    private final Map<String, List<ServerEvent.Message>> history = new HashMap<>();
    private final List<Conn> conns = new ArrayList<>();

    /** A small history page, so that catching up must page back. */
    static final int PAGE = 4;

    private volatile KeyPair key = KeyPair.generate();
    private volatile boolean refuseConnections;
    private long nextId = 1;
    volatile int opened;

    PublicKey publicKey() {
        return key.publicKey();
    }

    void rotateKey() {
        key = KeyPair.generate();
    }

    void refuseConnections(boolean refuse) {
        refuseConnections = refuse;
    }

    /** Drops every socket, as a server restart does. */
    void dropAll() throws Exception {
        thread.submit(
                        () -> {
                            for (Conn c : new ArrayList<>(conns)) {
                                c.close(1001, "restart");
                            }
                        })
                .get(5, TimeUnit.SECONDS);
    }

    /** Posts a message as {@code from} without a client (e.g. while a client is away). */
    void post(String room, String from, String text) throws Exception {
        thread.submit(() -> store(room, from, text)).get(5, TimeUnit.SECONDS);
    }

    List<ServerEvent.Message> history(String room) throws Exception {
        return thread.submit(() -> List.copyOf(history.getOrDefault(room, List.of())))
                .get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<Socket> open(URI uri, String subprotocol, Listener listener) {
        if (refuseConnections || !ParleyClient.SUBPROTOCOL.equals(subprotocol)) {
            return CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
        }
        opened++;
        Conn c = new Conn(listener);
        thread.execute(() -> conns.add(c));
        return CompletableFuture.completedFuture(c);
    }

    @Override
    public CompletableFuture<String> fetchText(URI uri) {
        if (!uri.getPath().equals(ParleyClient.SERVER_KEY_PATH)) {
            return CompletableFuture.failedFuture(new java.io.IOException("HTTP 404"));
        }
        return CompletableFuture.completedFuture(key.publicKey().toBase64() + "\n");
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private ServerEvent.Message store(String room, String from, String text) {
        ServerEvent.Message m =
                new ServerEvent.Message(nextId++, room, from, text, System.currentTimeMillis());
        history.computeIfAbsent(room, r -> new ArrayList<>()).add(m);
        for (Conn c : conns) {
            if (c.rooms.contains(room)) {
                c.deliver(m);
            }
        }
        return m;
    }

    private final class Conn implements Socket {
        final Listener listener;
        final Set<String> rooms = new LinkedHashSet<>();
        SecureSession session;
        String name;
        boolean closed;

        Conn(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void sendText(String text) {
            thread.execute(() -> close(1003, "text on v2"));
        }

        @Override
        public void sendBinary(byte[] data) {
            byte[] copy = data.clone();
            thread.execute(() -> onFrame(copy));
        }

        @Override
        public void close() {
            thread.execute(() -> close(1000, ""));
        }

        void close(int code, String reason) {
            if (!closed) {
                closed = true;
                conns.remove(this);
                listener.onClosed(code, reason);
            }
        }

        void onFrame(byte[] data) {
            if (closed) {
                return;
            }
            try {
                if (session == null) {
                    String hello = new String(data, StandardCharsets.UTF_8);
                    name = hello.substring(0, hello.indexOf(':'));
                    PublicKey clientKey =
                            PublicKey.fromBytes(
                                    Base64.getDecoder().decode(hello.substring(name.length() + 1)));
                    byte[] id = name.getBytes(StandardCharsets.UTF_8);
                    session =
                            SecureSession.create(
                                    "server".getBytes(StandardCharsets.UTF_8),
                                    key.privateKey(),
                                    peer -> Arrays.equals(peer, id) ? clientKey : null);
                    return;
                }
                boolean wasEstablished = session.isEstablished();
                UnwrapResult r = session.unwrap(data);
                if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                    listener.onBinary(r.data());
                }
                if (!wasEstablished && session.isEstablished()) {
                    deliver(
                            new ServerEvent.Welcome(
                                    name, "fake/1", List.of("main"), new ServerLimits(4000, PAGE)));
                    join("main");
                } else if (r.type() == UnwrapResult.Type.USER_DATA) {
                    handle(codec.decodeClientEvent(r.data()));
                }
            } catch (Exception e) {
                close(1002, "bad frame");
            }
        }

        void join(String room) {
            rooms.add(room);
            for (Conn c : conns) {
                if (c.rooms.contains(room)) {
                    c.deliver(new ServerEvent.Joined(room, name));
                }
            }
            List<ServerEvent.Message> h = history.getOrDefault(room, List.of());
            deliver(
                    new ServerEvent.HistoryPage(
                            room, h.subList(Math.max(0, h.size() - 5), h.size()), h.size() > 5));
            deliver(new ServerEvent.Presence(room, List.of(name)));
        }

        void handle(ClientEvent e) {
            if (e instanceof ClientEvent.Send s) {
                if (!rooms.contains(s.room())) {
                    deliver(
                            ServerEvent.Error.replyTo(
                                    s.clientMsgId(), "not_member", "you are not in " + s.room()));
                    return;
                }
                ServerEvent.Message m = store(s.room(), name, s.text());
                deliver(new ServerEvent.Ack(s.clientMsgId(), m.id(), m.ts()));
            } else if (e instanceof ClientEvent.Direct d) {
                ServerEvent.DirectMessage dm =
                        new ServerEvent.DirectMessage(0, name, d.to(), d.text(), 1);
                deliver(new ServerEvent.Ack(d.clientMsgId(), 0, 1));
                conns.stream()
                        .filter(c -> c.name.equals(d.to()) || c == this)
                        .forEach(c -> c.deliver(dm));
            } else if (e instanceof ClientEvent.Join j) {
                join(j.room());
            } else if (e instanceof ClientEvent.Leave l) {
                if (!rooms.remove(l.room())) {
                    deliver(ServerEvent.Error.of("not_member", "you are not in " + l.room()));
                    return;
                }
                deliver(new ServerEvent.Left(l.room(), name));
            } else if (e instanceof ClientEvent.Who w) {
                deliver(
                        new ServerEvent.Presence(
                                w.room(),
                                conns.stream()
                                        .filter(c -> c.rooms.contains(w.room()))
                                        .map(c -> c.name)
                                        .toList()));
            } else if (e instanceof ClientEvent.ListRooms) {
                deliver(
                        new ServerEvent.RoomList(
                                history.keySet().stream()
                                        .sorted()
                                        .map(r -> new RoomInfo(r, 0))
                                        .toList()));
            } else if (e instanceof ClientEvent.History h) {
                List<ServerEvent.Message> all =
                        history.getOrDefault(h.room(), List.of()).stream()
                                .filter(
                                        m ->
                                                h.beforeId().isEmpty()
                                                        || m.id() < h.beforeId().getAsLong())
                                .toList();
                List<ServerEvent.Message> page =
                        all.subList(Math.max(0, all.size() - h.limit()), all.size());
                deliver(new ServerEvent.HistoryPage(h.room(), page, all.size() > page.size()));
            } else if (e instanceof ClientEvent.Ping) {
                deliver(new ServerEvent.Pong());
            }
        }

        void deliver(ServerEvent e) {
            if (!closed) {
                listener.onBinary(session.wrap(codec.encode(e)));
            }
        }
    }
}
