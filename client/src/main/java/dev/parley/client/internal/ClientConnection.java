package dev.parley.client.internal;

import dev.parley.client.ConnectionLostException;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyConnection;
import dev.parley.client.ParleyException;
import dev.parley.client.ServerKeyChangedException;
import dev.parley.client.internal.core.CatchUp;
import dev.parley.client.internal.core.RequestTracker;
import dev.parley.client.internal.core.RequestTracker.Kind;
import dev.parley.client.internal.core.SendPacer;
import dev.parley.client.internal.core.SessionDriver;
import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerEvent;
import dev.parley.themis.SecureSessionException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ParleyConnection} implementation: lifecycle, reconnects and request dispatch. All
 * state lives on one single-threaded scheduler (the event thread); public methods hop onto it.
 */
public final class ClientConnection extends RequestApi {
    private final ClientConfig config;
    private final ServerTrust trust;
    private final ScheduledExecutorService loop;
    private final RequestTracker tracker;
    private final CatchUp catchUp = new CatchUp();
    private final CompletableFuture<ParleyConnection> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Set<String> rooms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Outbox outbox;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private Attempt current;
    private int failures;
    private int historyLimit = 100;

    private ClientConnection(ClientConfig config) {
        this.config = config;
        this.trust = new ServerTrust(config);
        this.tracker = new RequestTracker(config.name());
        java.util.concurrent.ScheduledThreadPoolExecutor executor =
                new java.util.concurrent.ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "parley-client-" + config.name());
                            t.setDaemon(true);
                            return t;
                        });
        // once closed, pending timers (reconnects, timeouts) are dropped, not waited for
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.loop = executor;
        this.outbox =
                new Outbox(
                        new SendPacer(
                                config.sendRatePerSecond(), config.sendBurst(), System::nanoTime),
                        loop);
    }

    public static CompletableFuture<ParleyConnection> start(ClientConfig config) {
        ClientConnection c = new ClientConnection(config);
        c.onLoop(c::attempt);
        c.loop.scheduleAtFixedRate(
                () -> c.ping(),
                config.pingInterval().toMillis(),
                config.pingInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        return c.connected;
    }

    /** Runs {@code task} on the event thread (dropped once closed). */
    void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing left to do
        }
    }

    // ---- connecting ----------------------------------------------------------------------

    private void attempt() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        trust.resolve()
                .whenComplete(
                        (key, error) ->
                                onLoop(
                                        () -> {
                                            if (error != null) {
                                                dropped(null, unwrap(error));
                                                return;
                                            }
                                            Attempt a = new Attempt(this, key);
                                            current = a;
                                            loop.schedule(
                                                    () -> {
                                                        if (current == a && !a.welcomed) {
                                                            dropped(
                                                                    a,
                                                                    new ParleyException(
                                                                            "no welcome from "
                                                                                    + config
                                                                                            .hostPort()
                                                                                    + " within "
                                                                                    + config.connectTimeout()
                                                                                            .toMillis()
                                                                                    + " ms"));
                                                        }
                                                    },
                                                    config.connectTimeout().toMillis(),
                                                    TimeUnit.MILLISECONDS);
                                            config.transport()
                                                    .open(
                                                            config.server(),
                                                            dev.parley.client.ParleyClient
                                                                    .SUBPROTOCOL,
                                                            a)
                                                    .whenComplete(
                                                            (socket, openError) ->
                                                                    onLoop(
                                                                            () ->
                                                                                    opened(
                                                                                            a,
                                                                                            socket,
                                                                                            openError)));
                                        }));
    }

    private void opened(Attempt a, dev.parley.client.Transport.Socket socket, Throwable error) {
        if (error != null) {
            if (current == a) {
                dropped(
                        a,
                        new ConnectionLostException(
                                "cannot connect to "
                                        + config.server()
                                        + ": "
                                        + unwrap(error).getMessage()));
            }
            return;
        }
        a.socket = socket;
        if (current != a || a.closed) {
            socket.close();
            return;
        }
        a.driver = new SessionDriver(config.name(), config.identity(), a.serverKey, a);
        a.driver.start();
    }

    void onText(Attempt a, String text) {
        if (current == a) {
            dropped(a, new ParleyException("server sent a text frame; is it a Parley v2 server?"));
        }
    }

    void onBinary(Attempt a, byte[] frame) {
        if (current != a || a.driver == null) {
            return;
        }
        boolean established = a.driver.isEstablished();
        ServerEvent event;
        try {
            event = a.driver.onBinary(frame);
        } catch (SecureSessionException e) {
            if (!established) {
                handshakeFailed(a, e);
            } else {
                dropped(a, new ParleyException("bad message from server: " + e.getMessage(), e));
            }
            return;
        } catch (ProtocolException e) {
            dropped(a, new ParleyException("bad event from server: " + e.getMessage(), e));
            return;
        }
        if (event != null) {
            onEvent(a, event);
        }
    }

    private void handshakeFailed(Attempt a, SecureSessionException e) {
        current = null;
        a.close();
        trust.explain(a.serverKey, e)
                .whenComplete((explained, never) -> onLoop(() -> dropped(null, explained)));
    }

    void onSocketClosed(Attempt a, int code, String reason) {
        if (current == a) {
            dropped(
                    a,
                    new ConnectionLostException(
                            "connection closed by "
                                    + config.hostPort()
                                    + " ("
                                    + code
                                    + (reason == null || reason.isEmpty() ? "" : " " + reason)
                                    + ")"));
        }
    }

    /** The attempt {@code a} (null if already detached) is over because of {@code cause}. */
    private void dropped(Attempt a, Throwable cause) {
        if (a != null) {
            if (current != a) {
                return;
            }
            a.close();
        }
        current = null;
        tracker.failAll("connection to " + config.hostPort() + " lost");
        for (String room : rooms) {
            catchUp.abort(room).forEach(config.listener()::onMessage);
        }
        if (state == ConnectionState.CLOSED) {
            return;
        }
        boolean fatal =
                !connected.isDone()
                        || cause instanceof ServerKeyChangedException
                        || failures >= config.maxReconnectAttempts();
        if (fatal) {
            shutDown(cause);
            return;
        }
        setState(ConnectionState.RECONNECTING);
        config.listener().onDisconnected(cause);
        long base =
                Math.min(
                        config.maxBackoff().toMillis(),
                        config.minBackoff().toMillis() << Math.min(failures, 20));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        failures++;
        loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    // ---- events --------------------------------------------------------------------------

    private void onEvent(Attempt a, ServerEvent event) {
        if (event instanceof ServerEvent.Welcome w) {
            welcomed(a, w);
            return;
        }
        if (!a.welcomed) {
            return;
        }
        // bookkeeping first, so that a settled join/leave future sees the new room set
        if (event instanceof ServerEvent.Joined j && j.name().equals(config.name())) {
            rooms.add(j.room());
        } else if (event instanceof ServerEvent.Left left && left.name().equals(config.name())) {
            rooms.remove(left.room());
            catchUp.left(left.room());
        }
        if (tracker.onEvent(event)) {
            return;
        }
        var l = config.listener();
        if (event instanceof ServerEvent.Message m) {
            catchUp.onLive(m).forEach(l::onMessage);
        } else if (event instanceof ServerEvent.DirectMessage dm) {
            l.onDirectMessage(dm);
        } else if (event instanceof ServerEvent.Joined j) {
            l.onJoined(j.room(), j.name());
        } else if (event instanceof ServerEvent.Left left) {
            l.onLeft(left.room(), left.name());
        } else if (event instanceof ServerEvent.Presence p) {
            l.onPresence(p);
        } else if (event instanceof ServerEvent.HistoryPage page) {
            // a page nobody asked for is the replay on joining: the newest messages, or none
            page.messages().forEach(m -> catchUp.seen(page.room(), m.id()));
            if (page.messages().isEmpty()) {
                catchUp.seenEmpty(page.room());
            }
            l.onHistory(page);
        } else if (event instanceof ServerEvent.Error e) {
            l.onServerError(e);
        }
    }

    private void welcomed(Attempt a, ServerEvent.Welcome w) {
        if (a.welcomed) {
            dropped(a, new ParleyException("second welcome from server"));
            return;
        }
        try {
            trust.confirmed(a.serverKey);
        } catch (ParleyException e) {
            dropped(a, e);
            return;
        }
        a.welcomed = true;
        failures = 0;
        historyLimit = w.limits().maxHistoryLimit();
        boolean reconnect = connected.isDone();
        Set<String> wanted = new LinkedHashSet<>(rooms);
        for (String room : w.rooms()) {
            rooms.add(room);
        }
        setState(ConnectionState.CONNECTED);
        config.listener().onWelcome(w);
        if (reconnect) {
            for (String room : wanted) {
                if (!w.rooms().contains(room)) {
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    tracker.addQuery(Kind.JOIN, room, f);
                    a.driver.send(new ClientEvent.Join(room));
                }
                if (catchUp.knows(room)) {
                    catchUp.begin(room);
                    requestCatchUpPage(a, room, OptionalLong.empty());
                }
            }
        }
        drainOutbox();
        connected.complete(this);
    }

    private void requestCatchUpPage(Attempt a, String room, OptionalLong before) {
        CompletableFuture<ServerEvent.HistoryPage> f = new CompletableFuture<>();
        tracker.addQuery(Kind.HISTORY, room, f);
        a.driver.send(new ClientEvent.History(room, before, historyLimit));
        // completed on the event thread by the tracker (or by failAll)
        f.whenComplete(
                (page, error) -> {
                    if (error != null) {
                        catchUp.abort(room).forEach(config.listener()::onMessage);
                        return;
                    }
                    CatchUp.Step step = catchUp.onPage(room, page, historyLimit);
                    if (step.done()) {
                        step.messages().forEach(config.listener()::onMessage);
                    } else if (current == a) {
                        requestCatchUpPage(a, room, step.beforeId());
                    }
                });
    }

    private void ping() {
        Attempt a = current;
        if (state == ConnectionState.CONNECTED && a != null && a.welcomed) {
            a.driver.send(new ClientEvent.Ping());
        }
    }

    // ---- requests ------------------------------------------------------------------------

    @Override
    void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    void dispatch(CompletableFuture<?> f, Runnable send) {
        if (state == ConnectionState.CLOSED) {
            f.completeExceptionally(new ConnectionLostException("connection closed"));
        } else if (!outbox.add(f, send)) {
            f.completeExceptionally(
                    new ConnectionLostException(Outbox.MAX_WAITING + " requests already waiting"));
        } else {
            drainOutbox();
        }
    }

    private void drainOutbox() {
        outbox.drain(
                () -> state == ConnectionState.CONNECTED && current != null && current.welcomed);
    }

    @Override
    void sendEvent(ClientEvent event) {
        current.driver.send(event);
    }

    @Override
    RequestTracker tracker() {
        return tracker;
    }

    @Override
    Duration requestTimeout() {
        return config.requestTimeout();
    }

    // ---- state ---------------------------------------------------------------------------

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public Set<String> joinedRooms() {
        return Set.copyOf(rooms);
    }

    @Override
    public void close() {
        onLoop(
                () -> {
                    if (state != ConnectionState.CLOSED) {
                        shutDown(null);
                    }
                });
    }

    /** Ends everything; {@code cause} null means the user closed (no disconnect is reported). */
    private void shutDown(Throwable cause) {
        Attempt a = current;
        current = null;
        if (a != null) {
            a.close();
        }
        tracker.failAll("connection closed");
        outbox.failAll(f -> new ConnectionLostException("connection closed"));
        setState(ConnectionState.CLOSED);
        boolean wasConnected =
                !connected.completeExceptionally(
                        cause != null ? cause : new ConnectionLostException("connection closed"));
        if (wasConnected && cause != null) {
            config.listener().onDisconnected(cause);
        }
        loop.shutdown();
        // this runs on the event thread: wait for it to finish from elsewhere
        new Thread(
                        () -> {
                            try {
                                loop.awaitTermination(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            terminated.complete(null);
                        },
                        "parley-client-close")
                .start();
    }

    @Override
    public CompletableFuture<Void> closed() {
        return terminated;
    }

    private void setState(ConnectionState s) {
        if (state != s) {
            state = s;
            config.listener().onStateChanged(s);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @Override
    public String toString() {
        return "ParleyConnection[" + config.name() + "@" + config.hostPort() + ", " + state + "]";
    }
}
