package dev.parley.client.internal;

import dev.parley.client.ConnectionLostException;
import dev.parley.client.ParleyConnection;
import dev.parley.client.SendResult;
import dev.parley.client.internal.core.RequestTracker;
import dev.parley.client.internal.core.RequestTracker.Kind;
import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.RoomInfo;
import dev.parley.protocol.ServerEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The request half of {@link ParleyConnection}: builds each event (validating arguments on the
 * caller's thread where possible), registers its future with the {@link RequestTracker} and hands
 * it to the event thread, with the request timeout applied.
 */
abstract class RequestApi implements ParleyConnection {
    private final String idPrefix = randomHex(6) + "-";
    private long nextMsgId; // event thread only

    /** Runs {@code task} on the event thread. @throws RejectedExecutionException once closed */
    abstract void execute(Runnable task);

    /** On the event thread: sends {@code send} now, queues it, or fails {@code f}. */
    abstract void dispatch(CompletableFuture<?> f, Runnable send);

    /** On the event thread, when connected: wraps and sends {@code event}. */
    abstract void sendEvent(ClientEvent event);

    abstract RequestTracker tracker();

    abstract Duration requestTimeout();

    @Override
    public CompletableFuture<SendResult> send(String room, String text) {
        return message(id -> new ClientEvent.Send(id, room, text));
    }

    @Override
    public CompletableFuture<SendResult> sendDirect(String to, String text) {
        return message(id -> new ClientEvent.Direct(id, to, text));
    }

    @Override
    public CompletableFuture<Void> join(String room) {
        return query(Kind.JOIN, room, () -> new ClientEvent.Join(room));
    }

    @Override
    public CompletableFuture<Void> leave(String room) {
        return query(Kind.LEAVE, room, () -> new ClientEvent.Leave(room));
    }

    @Override
    public CompletableFuture<List<String>> who(String room) {
        return query(Kind.WHO, room, () -> new ClientEvent.Who(room));
    }

    @Override
    public CompletableFuture<List<RoomInfo>> rooms() {
        return query(Kind.ROOMS, null, ClientEvent.ListRooms::new);
    }

    @Override
    public CompletableFuture<ServerEvent.HistoryPage> history(
            String room, OptionalLong beforeId, int limit) {
        return query(Kind.HISTORY, room, () -> new ClientEvent.History(room, beforeId, limit));
    }

    private CompletableFuture<SendResult> message(Function<String, ClientEvent> make) {
        CompletableFuture<SendResult> f = new CompletableFuture<>();
        onEventThread(
                f,
                () -> {
                    String id = idPrefix + (++nextMsgId);
                    ClientEvent event;
                    try {
                        event = make.apply(id);
                    } catch (IllegalArgumentException e) {
                        f.completeExceptionally(e);
                        return;
                    }
                    dispatch(
                            f,
                            () -> {
                                tracker().addSend(id, f);
                                sendEvent(event);
                            });
                });
        return timed(f);
    }

    private <T> CompletableFuture<T> query(Kind kind, String room, Supplier<ClientEvent> make) {
        ClientEvent event;
        try {
            event = make.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        onEventThread(
                f,
                () ->
                        dispatch(
                                f,
                                () -> {
                                    tracker().addQuery(kind, room, f);
                                    sendEvent(event);
                                }));
        return timed(f);
    }

    private void onEventThread(CompletableFuture<?> f, Runnable task) {
        try {
            execute(task);
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new ConnectionLostException("connection closed"));
        }
    }

    private <T> CompletableFuture<T> timed(CompletableFuture<T> f) {
        f.orTimeout(requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(
                        (r, e) -> {
                            try {
                                execute(() -> tracker().forget(f));
                            } catch (RejectedExecutionException closed) {
                                // closed: the tracker was cleared
                            }
                        });
        return f;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        StringBuilder hex = new StringBuilder();
        for (byte b : random) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16))
                    .append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
