package dev.parley.cli;

import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyConnection;
import dev.parley.client.ParleyListener;
import dev.parley.client.RequestRejectedException;
import dev.parley.client.SendResult;
import dev.parley.client.store.ConversationLog;
import dev.parley.client.store.HistoryEntry;
import dev.parley.client.store.LocalStore;
import dev.parley.protocol.Names;
import dev.parley.protocol.RoomInfo;
import dev.parley.protocol.ServerEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal client's logic: shows what the connection reports, stores it in the local history,
 * and turns typed lines into requests. Listener callbacks run on the SDK's event thread; {@link
 * #handle} on the input thread. The local history is touched only on the event thread.
 */
final class ChatController implements ParleyListener {
    static final String HELP =
            String.join(
                    "\n",
                    "/join ROOM       join ROOM (created if new) and make it the current room",
                    "/leave [ROOM]    leave ROOM (default: the current room)",
                    "/rooms           list the rooms on the server",
                    "/who [ROOM]      who is in ROOM (default: the current room)",
                    "/msg NAME TEXT   send TEXT to NAME only",
                    "/history [N]     show the last N messages of the current room from the server (default 20)",
                    "/help            this text",
                    "/quit            leave the chat (end of input does the same)",
                    "Anything else is sent to the current room.");
    private static final long WAIT_SECONDS = 15;

    private final ChatScreen screen;
    private final LocalStore store;
    private final String server;
    private final String name;
    private final Map<String, ConversationLog> logs = new HashMap<>();
    private volatile ParleyConnection connection;
    private volatile String room = "main";
    private volatile ConnectionState state = ConnectionState.CONNECTING;

    /** Own messages the server accepted, and own messages seen coming back (then stored). */
    private final java.util.Set<Long> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final java.util.Set<Long> echoed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger directAcked =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger directEchoed =
            new java.util.concurrent.atomic.AtomicInteger();

    ChatController(ChatScreen screen, LocalStore store, String server, String name) {
        this.screen = screen;
        this.store = store;
        this.server = server;
        this.name = name;
        updatePrompt();
    }

    void attach(ParleyConnection c) {
        this.connection = c;
        this.state = c.state();
        updatePrompt();
    }

    String room() {
        return room;
    }

    // ---- what arrives --------------------------------------------------------------------

    @Override
    public void onStateChanged(ConnectionState s) {
        state = s;
        updatePrompt();
    }

    @Override
    public void onMessage(ServerEvent.Message m) {
        screen.show(ChatFormat.message(m.ts(), m.room(), m.from(), m.text()));
        store(m);
        if (m.from().equals(name)) {
            echoed.add(m.id());
        }
    }

    @Override
    public void onHistory(ServerEvent.HistoryPage page) {
        // the replay when joining: show and keep what this device has not stored yet
        long last = log(page.room()) == null ? -1 : log(page.room()).lastId();
        for (ServerEvent.Message m : page.messages()) {
            if (m.id() > last) {
                onMessage(m);
            }
        }
    }

    @Override
    public void onDirectMessage(ServerEvent.DirectMessage m) {
        screen.show(ChatFormat.direct(m.ts(), m.from(), m.to(), m.text()));
        String peer = m.from().equals(name) ? m.to() : m.from();
        append(
                "@" + peer,
                new HistoryEntry(
                        HistoryEntry.Kind.DIRECT, m.id(), m.ts(), m.from(), m.to(), m.text()));
        if (m.from().equals(name)) {
            directEchoed.incrementAndGet();
        }
    }

    /**
     * Waits (at most {@code millis}) until every own message the server accepted has come back and
     * been stored, so that a script's last lines are in the local history when it exits.
     */
    boolean awaitEchoes(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (echoed.containsAll(acked) && directEchoed.get() >= directAcked.get()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void onJoined(String r, String who) {
        if (!who.equals(name)) {
            screen.show(ChatFormat.notice(who + " joined " + r));
        }
    }

    @Override
    public void onLeft(String r, String who) {
        screen.show(ChatFormat.notice(who + " left " + r));
    }

    @Override
    public void onServerError(ServerEvent.Error e) {
        screen.show(ChatFormat.error(e.code() + ": " + e.message()));
    }

    @Override
    public void onDisconnected(Throwable cause) {
        screen.show(ChatFormat.error(cause.getMessage()));
    }

    private void store(ServerEvent.Message m) {
        ConversationLog log = log(m.room());
        if (log != null && m.id() > log.lastId()) {
            append(
                    m.room(),
                    new HistoryEntry(
                            HistoryEntry.Kind.ROOM, m.id(), m.ts(), m.from(), m.room(), m.text()));
        }
    }

    private ConversationLog log(String conversation) {
        try {
            ConversationLog log = logs.get(conversation);
            if (log == null) {
                log = store.conversation(server, conversation);
                logs.put(conversation, log);
            }
            return log;
        } catch (IOException e) {
            screen.show(
                    ChatFormat.error(
                            "local history of " + conversation + " unusable: " + e.getMessage()));
            return null;
        }
    }

    private void append(String conversation, HistoryEntry entry) {
        ConversationLog log = log(conversation);
        if (log == null) {
            return;
        }
        try {
            log.append(entry);
        } catch (IOException e) {
            screen.show(ChatFormat.error("cannot store history: " + e.getMessage()));
        }
    }

    // ---- what the user types -------------------------------------------------------------

    /** Handles one typed line; false means quit. */
    boolean handle(String line) {
        if (line.isBlank()) {
            return true;
        }
        if (!line.startsWith("/")) {
            send(connection.send(room, line), "message");
            return true;
        }
        String[] parts = line.strip().split("\\s+", 3);
        String arg = parts.length > 1 ? parts[1] : null;
        switch (parts[0]) {
            case "/quit", "/exit" -> {
                return false;
            }
            case "/help" -> screen.show(new org.jline.utils.AttributedString(HELP));
            case "/join" -> {
                if (validRoom(arg)) {
                    await(
                            connection.join(arg),
                            "join",
                            v -> {
                                room = arg;
                                updatePrompt();
                            });
                }
            }
            case "/leave" -> {
                String r = arg != null ? arg : room;
                if (validRoom(r)) {
                    await(
                            connection.leave(r),
                            "leave",
                            v -> {
                                if (r.equals(room)) {
                                    room = "main";
                                    updatePrompt();
                                }
                            });
                }
            }
            case "/rooms" ->
                    await(
                            connection.rooms(),
                            "rooms",
                            list -> {
                                for (RoomInfo info : list) {
                                    screen.show(
                                            ChatFormat.notice(
                                                    info.room() + " (" + info.members() + ")"));
                                }
                            });
            case "/who" -> {
                String r = arg != null ? arg : room;
                if (validRoom(r)) {
                    await(
                            connection.who(r),
                            "who",
                            members ->
                                    screen.show(
                                            ChatFormat.notice(
                                                    r + ": " + String.join(", ", members))));
                }
            }
            case "/msg" -> {
                if (parts.length < 3 || !Names.isValidUserName(arg)) {
                    screen.show(ChatFormat.error("usage: /msg NAME TEXT"));
                } else {
                    send(connection.sendDirect(arg, parts[2]), "direct message");
                }
            }
            case "/history" -> history(arg);
            default ->
                    screen.show(
                            ChatFormat.error("unknown command " + parts[0] + "; /help lists them"));
        }
        return true;
    }

    private void history(String arg) {
        int n;
        try {
            n = arg == null ? 20 : Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > dev.parley.protocol.Limits.MAX_HISTORY_LIMIT) {
            screen.show(
                    ChatFormat.error(
                            "usage: /history [1-"
                                    + dev.parley.protocol.Limits.MAX_HISTORY_LIMIT
                                    + "]"));
            return;
        }
        await(
                connection.history(room, OptionalLong.empty(), n),
                "history",
                page -> {
                    for (ServerEvent.Message m : page.messages()) {
                        screen.show(ChatFormat.message(m.ts(), m.room(), m.from(), m.text()));
                    }
                });
    }

    /**
     * Interactive: answer later, keep typing. Scripted: wait, so lines go out in order and before
     * EOF.
     */
    private void send(CompletableFuture<SendResult> f, String what) {
        if (screen.interactive()) {
            f.whenComplete((r, e) -> reportSend(r, e, what));
        } else {
            try {
                reportSend(f.get(WAIT_SECONDS, TimeUnit.SECONDS), null, what);
            } catch (ExecutionException e) {
                reportSend(null, e.getCause(), what);
            } catch (TimeoutException e) {
                reportSend(null, e, what);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reportSend(SendResult r, Throwable e, String what) {
        if (e != null) {
            Throwable cause =
                    e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause()
                            : e;
            screen.show(
                    ChatFormat.error(
                            what
                                    + " not sent: "
                                    + (cause instanceof TimeoutException
                                            ? "no answer"
                                            : cause.getMessage())));
        } else if (r.isAccepted()) {
            if (what.equals("message")) {
                acked.add(r.id());
            } else {
                directAcked.incrementAndGet();
            }
        } else {
            screen.show(
                    ChatFormat.error(
                            what
                                    + " refused: "
                                    + r.rejectionCode().orElse("")
                                    + " "
                                    + r.rejectionReason().orElse("")));
        }
    }

    /** Waits (bounded) for a request; on success runs {@code then}, else shows why not. */
    private <T> void await(
            CompletableFuture<T> f, String what, java.util.function.Consumer<T> then) {
        T value;
        try {
            value = f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            screen.show(
                    ChatFormat.error(
                            what
                                    + (c instanceof RequestRejectedException
                                            ? " refused: "
                                            : " failed: ")
                                    + c.getMessage()));
            return;
        } catch (TimeoutException e) {
            screen.show(ChatFormat.error(what + ": no answer from the server"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        then.accept(value);
    }

    private boolean validRoom(String r) {
        if (r == null || !Names.isValidRoomName(r)) {
            screen.show(
                    ChatFormat.error("a room name is letters, digits, '_', '-', '.' (at most 32)"));
            return false;
        }
        return true;
    }

    private void updatePrompt() {
        String s =
                state == ConnectionState.CONNECTED
                        ? ""
                        : " " + state.name().toLowerCase(java.util.Locale.ROOT);
        screen.setPrompt("[" + room + s + "] " + name + "> ");
    }
}
