package dev.parley.client.internal.core;

import dev.parley.client.ConnectionLostException;
import dev.parley.client.RequestRejectedException;
import dev.parley.client.SendResult;
import dev.parley.protocol.ServerEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Matches server answers to the requests that asked for them. I/O-free.
 *
 * <p>Messages carry a client message id: the {@code ack} or {@code error} naming it settles their
 * future. Other requests (join, leave, who, rooms, history) have no id; the server answers each
 * connection in order, so the oldest pending request of the matching kind and room takes the
 * answer, and an {@code error} without an id refuses the oldest pending request.
 *
 * <p>Not thread-safe: call from the connection's single executor thread.
 */
public final class RequestTracker {
    /** A request without a message id. */
    public enum Kind {
        JOIN,
        LEAVE,
        WHO,
        ROOMS,
        HISTORY
    }

    private record Query(Kind kind, String room, CompletableFuture<Object> future) {}

    private final String self;
    private final Map<String, CompletableFuture<SendResult>> sends = new LinkedHashMap<>();
    private final List<Query> queries = new ArrayList<>();

    public RequestTracker(String self) {
        this.self = self;
    }

    public void addSend(String clientMsgId, CompletableFuture<SendResult> future) {
        sends.put(clientMsgId, future);
    }

    @SuppressWarnings("unchecked")
    public void addQuery(Kind kind, String room, CompletableFuture<?> future) {
        queries.add(new Query(kind, room, (CompletableFuture<Object>) future));
    }

    /** Forgets a request whose future completed otherwise (timeout, cancel). */
    public void forget(CompletableFuture<?> future) {
        sends.values().removeIf(f -> f == future);
        queries.removeIf(q -> q.future() == future);
    }

    public int pending() {
        return sends.size() + queries.size();
    }

    /**
     * Settles the request {@code event} answers, if any.
     *
     * @return true if the event was only an answer (the listener need not see it)
     */
    public boolean onEvent(ServerEvent event) {
        if (event instanceof ServerEvent.Ack ack) {
            CompletableFuture<SendResult> f = sends.remove(ack.clientMsgId());
            if (f != null) {
                f.complete(SendResult.accepted(ack.clientMsgId(), ack.id(), ack.ts()));
            }
            return true;
        }
        if (event instanceof ServerEvent.Error error) {
            if (error.clientMsgId().isPresent()) {
                CompletableFuture<SendResult> f = sends.remove(error.clientMsgId().get());
                if (f != null) {
                    f.complete(
                            SendResult.rejected(
                                    error.clientMsgId().get(), error.code(), error.message()));
                    return true;
                }
                return false;
            }
            if (queries.isEmpty()) {
                return false;
            }
            queries.remove(0)
                    .future()
                    .completeExceptionally(
                            new RequestRejectedException(error.code(), error.message()));
            return true;
        }
        if (event instanceof ServerEvent.Joined j && j.name().equals(self)) {
            settle(Kind.JOIN, j.room(), null);
            return false; // the listener still hears that we joined
        }
        if (event instanceof ServerEvent.Left l && l.name().equals(self)) {
            settle(Kind.LEAVE, l.room(), null);
            return false;
        }
        if (event instanceof ServerEvent.Presence p) {
            if (settle(Kind.WHO, p.room(), p.members())) {
                return true;
            }
            // joining a room one is already in is answered with its presence only
            settle(Kind.JOIN, p.room(), null);
            return false;
        }
        if (event instanceof ServerEvent.RoomList list) {
            return settle(Kind.ROOMS, null, list.rooms());
        }
        if (event instanceof ServerEvent.HistoryPage page) {
            return settle(Kind.HISTORY, page.room(), page);
        }
        return false;
    }

    private boolean settle(Kind kind, String room, Object value) {
        for (Iterator<Query> it = queries.iterator(); it.hasNext(); ) {
            Query q = it.next();
            if (q.kind() == kind && (room == null || room.equals(q.room()))) {
                it.remove();
                q.future().complete(value);
                return true;
            }
        }
        return false;
    }

    /** Fails every pending request: the connection is gone. */
    public void failAll(String why) {
        List<CompletableFuture<?>> all = new ArrayList<>(sends.values());
        queries.forEach(q -> all.add(q.future()));
        sends.clear();
        queries.clear();
        all.forEach(f -> f.completeExceptionally(new ConnectionLostException(why)));
    }
}
