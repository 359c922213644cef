package dev.parley.server.connection;

import dev.parley.server.chat.ChatEvent;
import dev.parley.server.chat.Member;
import dev.parley.themis.PublicKey;
import dev.parley.themis.ReplayedMessageException;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket: hello, Secure Session handshake, then chat. Holds the session and the protocol
 * state; the transport only adapts frames. I/O-free apart from {@link Transport}.
 *
 * <p>Threading: {@code on*} methods run on the transport's executor (ordered per connection).
 * Handshake crypto and name-policy lookups run on the shared bounded handshake pool; reading is
 * paused meanwhile and results hop back to the executor. {@link #deliver} is thread-safe. Outgoing
 * events queue as plaintext and are wrapped at send time, in order, so no sequence number is ever
 * consumed for a frame that is then dropped.
 */
public final class Connection implements Member {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final byte[] SERVER_ID = "server".getBytes(StandardCharsets.UTF_8);

    /** Frames that may arrive while a handshake step is off-loop; more is a protocol violation. */
    private static final int MAX_PENDING_FRAMES = 4;

    private static final AtomicInteger IDS = new AtomicInteger();

    private enum State {
        AWAIT_HELLO,
        HANDSHAKING,
        ESTABLISHED,
        CLOSED
    }

    private record Frame(boolean text, byte[] payload) {}

    private record Accepted(Hello hello, SecureSession session) {}

    private final int id = IDS.incrementAndGet();
    private final Transport transport;
    private final Dialect dialect;
    private final ConnectionContext ctx;
    private final TokenBucket rate;
    private final long openedAt;
    private final Queue<Frame> pending = new ArrayDeque<>();
    private final OutboundQueue outbound;
    private volatile State state = State.AWAIT_HELLO;
    private volatile boolean sessionIdMismatch;
    private boolean offloaded;
    private boolean registered;
    private String name;
    private PublicKey key;
    private SecureSession session;

    public Connection(Transport transport, Dialect dialect, ConnectionContext ctx) {
        this.transport = transport;
        this.dialect = dialect;
        this.ctx = ctx;
        this.rate =
                new TokenBucket(
                        ctx.config().messagesPerSecond(),
                        ctx.config().messageBurst(),
                        System::nanoTime);
        this.openedAt = System.nanoTime();
        this.outbound = new OutboundQueue(ctx.config().outboundQueueLimit());
        ctx.metrics().connectionOpened();
        Duration timeout = ctx.config().handshakeTimeout();
        transport.schedule(
                timeout,
                () -> {
                    if (state == State.AWAIT_HELLO || state == State.HANDSHAKING) {
                        close(CloseReason.HANDSHAKE_TIMEOUT);
                    }
                });
    }

    /** A frame from the peer; {@code payload} of a text frame is its UTF-8 bytes. */
    public void onFrame(boolean text, byte[] payload) {
        if (state == State.CLOSED) {
            return;
        }
        ctx.metrics().frameIn(payload.length);
        if (!rate.tryTake()) {
            close(CloseReason.RATE_LIMITED);
            return;
        }
        process(text, payload);
    }

    /** Counted and rate-checked frames, in arrival order (also the ones held while offloaded). */
    private void process(boolean text, byte[] payload) {
        if (offloaded) {
            if (pending.size() >= MAX_PENDING_FRAMES) {
                close(CloseReason.HANDSHAKE_FAILED);
            } else {
                pending.add(new Frame(text, payload));
            }
            return;
        }
        try {
            switch (state) {
                case AWAIT_HELLO -> onHello(dialect.helloText(text, payload));
                case HANDSHAKING -> onHandshake(dialect.sessionMessage(text, payload));
                case ESTABLISHED -> onData(dialect.sessionMessage(text, payload));
                default -> {}
            }
        } catch (InputException e) {
            close(e.reason());
        }
    }

    private void onHello(String helloText) {
        offload(
                () -> {
                    Hello hello = Hello.parse(helloText);
                    CloseReason refused = ctx.policy().check(hello.name(), hello.publicKey());
                    if (refused != null) {
                        throw new InputException(refused);
                    }
                    byte[] nameBytes = hello.name().getBytes(StandardCharsets.UTF_8);
                    SecureSession s =
                            SecureSession.create(
                                    SERVER_ID,
                                    ctx.serverKey(),
                                    peerId -> {
                                        if (Arrays.equals(peerId, nameBytes)) {
                                            return hello.publicKey();
                                        }
                                        sessionIdMismatch = true;
                                        return null;
                                    });
                    return new Accepted(hello, s);
                },
                result -> {
                    Accepted a = (Accepted) result;
                    name = a.hello().name();
                    key = a.hello().publicKey();
                    session = a.session();
                    state = State.HANDSHAKING;
                });
    }

    private void onHandshake(byte[] message) {
        SecureSession s = session;
        offload(
                () -> {
                    UnwrapResult r = unwrapHandshake(s, message);
                    if (s.isEstablished()) {
                        CloseReason refused = ctx.policy().confirm(name, key);
                        if (refused != null) {
                            throw new InputException(refused);
                        }
                    }
                    return r;
                },
                result -> {
                    UnwrapResult r = (UnwrapResult) result;
                    if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                        dialect.send(transport, r.data());
                        transport.flush();
                        ctx.metrics().frameOut(r.data().length, false);
                    }
                    if (s.isEstablished()) {
                        state = State.ESTABLISHED;
                        ctx.metrics()
                                .handshakeSucceeded(Duration.ofNanos(System.nanoTime() - openedAt));
                        registered = true;
                        ctx.router().register(this);
                    }
                });
    }

    private UnwrapResult unwrapHandshake(SecureSession s, byte[] message) throws InputException {
        try {
            UnwrapResult r = s.unwrap(message);
            if (r.type() == UnwrapResult.Type.USER_DATA) {
                throw new InputException(CloseReason.HANDSHAKE_FAILED);
            }
            return r;
        } catch (SecureSessionException e) {
            throw new InputException(
                    sessionIdMismatch
                            ? CloseReason.SESSION_ID_MISMATCH
                            : CloseReason.HANDSHAKE_FAILED);
        }
    }

    private void onData(byte[] message) throws InputException {
        UnwrapResult r;
        try {
            r = session.unwrap(message);
        } catch (ReplayedMessageException e) {
            throw new InputException(CloseReason.REPLAYED);
        } catch (SecureSessionException e) {
            throw new InputException(CloseReason.BAD_MESSAGE);
        }
        if (r.type() != UnwrapResult.Type.USER_DATA) {
            throw new InputException(CloseReason.BAD_MESSAGE);
        }
        ctx.metrics().messageIn(message.length);
        Dialect.Parsed parsed = dialect.parse(r.data());
        if (parsed.command() != null) {
            ctx.router().handle(this, parsed.command());
        } else {
            deliver(parsed.reply());
        }
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws InputException;
    }

    @FunctionalInterface
    private interface Then {
        void accept(Object result) throws InputException;
    }

    /**
     * Runs crypto/blocking work on the handshake pool, then continues on this connection's
     * executor.
     */
    private void offload(Step step, Then then) {
        offloaded = true;
        transport.setReading(false);
        try {
            ctx.handshakePool()
                    .execute(
                            () -> {
                                Object result;
                                CloseReason failure = null;
                                try {
                                    result = step.run();
                                } catch (InputException e) {
                                    result = null;
                                    failure = e.reason();
                                } catch (RuntimeException e) {
                                    log.error("connection {}: handshake step failed", id, e);
                                    result = null;
                                    failure = CloseReason.INTERNAL;
                                }
                                Object res = result;
                                CloseReason fail = failure;
                                onExecutor(() -> resume(res, fail, then));
                            });
        } catch (RejectedExecutionException e) {
            offloaded = false;
            close(CloseReason.OVERLOADED);
        }
    }

    private void resume(Object result, CloseReason failure, Then then) {
        offloaded = false;
        if (state == State.CLOSED) {
            return;
        }
        if (failure != null) {
            close(failure);
            return;
        }
        try {
            then.accept(result);
        } catch (InputException e) {
            close(e.reason());
            return;
        }
        transport.setReading(true);
        while (!offloaded && state != State.CLOSED && !pending.isEmpty()) {
            Frame f = pending.poll();
            process(f.text(), f.payload());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PublicKey publicKey() {
        return key;
    }

    @Override
    public void deliver(ChatEvent event) {
        if (state == State.CLOSED) {
            return;
        }
        if (!outbound.offer(event)) {
            onExecutor(() -> close(CloseReason.SLOW_READER));
            return;
        }
        if (outbound.needsDrain()) {
            onExecutor(this::drain);
        }
    }

    @Override
    public void refuseNameTaken() {
        onExecutor(() -> close(CloseReason.NAME_TAKEN));
    }

    /**
     * Runs on this connection's executor; nothing to do if it already stopped (server shutdown).
     */
    private void onExecutor(Runnable task) {
        try {
            transport.executor().execute(task);
        } catch (RejectedExecutionException stopped) {
            // the event loop is gone, and with it the socket
        }
    }

    /** Wraps and writes queued events while the socket can take them; on the executor. */
    public void drain() {
        outbound.drainStarted();
        boolean wrote = false;
        while (state == State.ESTABLISHED && transport.isWritable()) {
            OutboundQueue.Entry o = outbound.poll();
            if (o == null) {
                break;
            }
            List<byte[]> frames;
            try {
                frames = dialect.render(o.event(), name);
            } catch (RuntimeException e) {
                // a bug or an event the wire format cannot carry: skip it (nothing was wrapped)
                log.error(
                        "connection {}: cannot render {}",
                        id,
                        o.event().getClass().getSimpleName(),
                        e);
                continue;
            }
            for (byte[] plain : frames) {
                byte[] wrapped = session.wrap(plain);
                dialect.send(transport, wrapped);
                ctx.metrics().frameOut(wrapped.length, true);
                wrote = true;
            }
            ctx.metrics().delivered(Duration.ofNanos(System.nanoTime() - o.queuedAtNanos()));
        }
        if (wrote) {
            transport.flush();
        }
    }

    /** The socket's buffer drained below its low-water mark. */
    public void onWritable() {
        drain();
    }

    /** No bytes from the peer for the idle timeout (pings unanswered). */
    public void onIdle() {
        close(CloseReason.IDLE_TIMEOUT);
    }

    /** Thread-safe: closes this connection on its executor (shutdown). */
    public void requestClose(CloseReason reason) {
        onExecutor(() -> close(reason));
    }

    /**
     * The server refuses this connection before or after its handshake (limits); on the executor.
     */
    public void refuse(CloseReason reason) {
        close(reason);
    }

    /** The transport saw a protocol violation it already answered (oversized, bad UTF-8). */
    public void onTransportViolation(CloseReason reason) {
        if (state != State.CLOSED) {
            finish(reason);
        }
    }

    /** The socket is gone (peer closed, or after our close). */
    public void onClosed() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            ctx.metrics().closed("peer");
            cleanUp();
        }
    }

    private void close(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        finish(reason);
        transport.close(reason);
    }

    private void finish(CloseReason reason) {
        boolean established = state == State.ESTABLISHED;
        state = State.CLOSED;
        ctx.metrics().closed(reason.tag());
        if (!established) {
            ctx.metrics().handshakeFailed(reason.tag());
        }
        if (reason != CloseReason.SHUTDOWN) {
            log.info(
                    "connection {} from {} ({}) closed: {} {}",
                    id,
                    transport.remoteAddress(),
                    dialect.name(),
                    reason.code(),
                    reason.tag());
        }
        cleanUp();
    }

    private void cleanUp() {
        ctx.metrics().connectionClosed();
        outbound.clear();
        pending.clear();
        if (registered) {
            ctx.router().unregister(this);
        }
    }

    public boolean isEstablished() {
        return state == State.ESTABLISHED;
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + dialect.name() + ", " + state + "]";
    }
}
