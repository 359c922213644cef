package dev.parley.server.hardening;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.ServerEvent;
import dev.parley.server.testing.ChatClient;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Well-behaved clients chatting in {@code main} from a few driver threads: every fifth one speaks
 * v2 (JSON events), the rest v1 (the tutorial's lines). Every client sends {@code <seq> <padding>}
 * at a fixed rate; every client must see every other client's messages once, in order, and never an
 * error (v1 line or v2 event) or a close.
 *
 * <p>Lifecycle: {@link #connect}, {@link #start}, {@link #stopSending}, {@link #awaitAllDelivered},
 * {@link #close}. The problems list is thread-safe; the rest is driven by the test thread.
 */
final class GoodChat implements AutoCloseable {
    private static final String PADDING = " " + "p".repeat(160);

    private final List<ChatClient> clients = new ArrayList<>();
    private final long[] sent;

    /** received[receiver][sender] = last seq seen. */
    private final long[][] received;

    private final long periodNanos;
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> drivers = new ArrayList<>();
    private java.util.concurrent.CountDownLatch sendersStopped;

    GoodChat(int count, double messagesPerSecond) {
        this.sent = new long[count];
        this.received = new long[count][count];
        this.periodNanos = (long) (1e9 / messagesPerSecond);
    }

    void connect(int port, PublicKey serverKey) {
        for (int i = 0; i < sent.length; i++) {
            ChatClient c =
                    ChatClient.connect(
                            port,
                            isV2(i) ? ChatClient.Protocol.V2 : ChatClient.Protocol.V1,
                            "good" + i,
                            KeyPair.generate(),
                            serverKey);
            clients.add(c);
        }
        for (int i = 0; i < sent.length; i++) {
            ChatClient c = clients.get(i);
            // the presence list ends the join sequence
            boolean joined =
                    isV2(i)
                            ? c.awaitEvent(
                                            ServerEvent.Presence.class,
                                            p -> p.room().equals("main"),
                                            ChatClient.WAIT)
                                    != null
                            : c.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT) != null;
            if (!joined) {
                throw new IllegalStateException(c.name() + " did not finish joining");
            }
        }
    }

    private static boolean isV2(int i) {
        return i % 5 == 4;
    }

    void start(int threads) {
        sendersStopped = new java.util.concurrent.CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread d =
                    new Thread(
                            () -> {
                                try {
                                    drive(first, threads);
                                } catch (RuntimeException | AssertionError e) {
                                    problems.add("driver failed: " + e);
                                    running.set(false);
                                }
                            },
                            "good-chat-" + t);
            d.setDaemon(true);
            drivers.add(d);
            d.start();
        }
    }

    private void drive(int first, int stride) {
        long[] next = new long[sent.length];
        long start = System.nanoTime();
        for (int i = first; i < sent.length; i += stride) {
            next[i] = start + (periodNanos * i) / sent.length; // spread the senders over one period
        }
        boolean stoppedSending = false;
        while (running.get()) {
            if (!stoppedSending && !sending.get()) {
                stoppedSending = true;
                sendersStopped.countDown();
            }
            boolean idle = true;
            for (int i = first; i < sent.length; i += stride) {
                ChatClient c = clients.get(i);
                if (!stoppedSending && System.nanoTime() >= next[i]) {
                    String text = (sent[i] + 1) + PADDING;
                    if (isV2(i)) {
                        c.send(new ClientEvent.Send("c" + (sent[i] + 1), "main", text));
                    } else {
                        c.say(text);
                    }
                    sent[i]++;
                    next[i] += periodNanos;
                }
                if (isV2(i)) {
                    ServerEvent e;
                    while ((e = c.nextEvent(Duration.ofMillis(1))) != null) {
                        acceptEvent(i, e);
                        idle = false;
                    }
                } else {
                    String line;
                    while ((line = c.nextLine(Duration.ofMillis(1))) != null) {
                        accept(i, line);
                        idle = false;
                    }
                }
                if (c.awaitClose(Duration.ZERO) != null) {
                    problems.add(c.name() + " was closed: " + c.awaitClose(Duration.ZERO));
                    running.set(false);
                }
            }
            if (idle) {
                Thread.onSpinWait();
            }
        }
    }

    private void acceptEvent(int receiver, ServerEvent e) {
        if (e instanceof ServerEvent.Error err) {
            problems.add("good" + receiver + " got an error event: " + err.code());
        } else if (e instanceof ServerEvent.Message m && m.from().startsWith("good")) {
            accept(receiver, "<" + m.from() + "> " + m.text());
        }
    }

    private void accept(int receiver, String line) {
        if (line.startsWith("! ")) {
            problems.add("good" + receiver + " got an error line: " + line);
            return;
        }
        if (!line.startsWith("<good")) {
            return; // joins, leaves and presence of the attackers
        }
        int end = line.indexOf("> ");
        int sender = Integer.parseInt(line.substring(5, end));
        long seq = Long.parseLong(line.substring(end + 2, line.indexOf(' ', end + 2)));
        long last = received[receiver][sender];
        if (seq != last + 1) {
            problems.add("good" + receiver + " got good" + sender + "'s " + seq + " after " + last);
        }
        received[receiver][sender] = Math.max(last, seq);
    }

    /** Stops sending; returns once no driver will send again (bounded). */
    void stopSending() throws InterruptedException {
        sending.set(false);
        if (!sendersStopped.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            problems.add("a driver did not stop sending");
        }
    }

    /**
     * Waits (bounded) until every receiver has every sender's last message; the drivers stop then.
     */
    boolean awaitAllDelivered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < deadline && running.get()) {
            Thread.sleep(100);
            done = allDelivered();
        }
        running.set(false);
        for (Thread d : drivers) {
            d.join(10_000);
        }
        return allDelivered();
    }

    private boolean allDelivered() {
        for (long[] row : received) {
            for (int s = 0; s < sent.length; s++) {
                if (row[s] < sent[s]) {
                    return false;
                }
            }
        }
        return true;
    }

    long totalSent() {
        long n = 0;
        for (long s : sent) {
            n += s;
        }
        return n;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        running.set(false);
        for (ChatClient c : clients) {
            c.close();
        }
    }
}
