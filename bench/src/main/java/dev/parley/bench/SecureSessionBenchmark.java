package dev.parley.bench;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PeerKeyResolver;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Secure Session throughput, one thread, through the public API only.
 *
 * <ul>
 *   <li>{@code handshakeFull}: both sides of a complete handshake per operation (client session +
 *       m1, server session + m2, m3, m4, client establishes).
 *   <li>{@code serverAcceptsConnectRequest} and {@code serverFinishesHandshake}: the two halves of
 *       the server's work, measured separately. m3 depends on the server's m2, so no fresh client
 *       input can be prepared ahead of a whole server handshake; instead each half gets its input
 *       from an untimed per-invocation setup that runs the client (and, for the second half, the
 *       first server step). The first half includes the server session's construction (ephemeral
 *       key generation); the second includes building the data channel. <b>Server handshakes/s = 1
 *       / (1/a + 1/b)</b> for the two scores a and b. An invocation takes ~0.2 ms, so JMH's
 *       per-invocation bookkeeping (~µs) is negligible. The client key resolver returns the same
 *       {@link dev.parley.themis.PublicKey} object every time, as a server with a key cache does;
 *       BouncyCastle caches its point precomputation on that object, which makes the two
 *       client-signature checks cheaper.
 *   <li>{@code wrap64}, {@code wrap1k}: one established client wraps forever (the sequence number
 *       simply wraps around).
 *   <li>{@code unwrap64}, {@code unwrap1k}: a strict (default) receiver accepts each frame only
 *       once, so frames cannot be recycled. Each invocation gets a fresh session pair and a batch
 *       of freshly wrapped frames from an untimed setup, then unwraps the whole batch; the score is
 *       per frame ({@link OperationsPerInvocation}).
 * </ul>
 *
 * <p>Wall-clock numbers on a shared 2-core machine drop with every concurrent build; see {@link
 * SecureSessionCpuTime} for the same operations timed by thread CPU time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecureSessionBenchmark {
    private static final byte[] CLIENT_ID = "alice@chat.example".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVER_ID = "chat-server".getBytes(StandardCharsets.UTF_8);
    private static final int UNWRAP_BATCH = 16_384;

    /** Long-term keys and the resolvers of both sides (shared, as in a real server). */
    @State(Scope.Benchmark)
    public static class Keys {
        final KeyPair client = KeyPair.generate();
        final KeyPair server = KeyPair.generate();
        final PeerKeyResolver clientResolver = id -> server.publicKey();
        final PeerKeyResolver serverResolver = id -> client.publicKey();

        SecureSession newClient() {
            return SecureSession.create(CLIENT_ID, client.privateKey(), clientResolver);
        }

        SecureSession newServer() {
            return SecureSession.create(SERVER_ID, server.privateKey(), serverResolver);
        }

        SecureSession[] establishedPair() {
            try {
                SecureSession c = newClient();
                SecureSession s = newServer();
                byte[] m2 = s.unwrap(c.connectRequest()).data();
                byte[] m4 = s.unwrap(c.unwrap(m2).data()).data();
                c.unwrap(m4);
                return new SecureSession[] {c, s};
            } catch (SecureSessionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Benchmark
    public UnwrapResult handshakeFull(Keys keys) throws SecureSessionException {
        SecureSession client = keys.newClient();
        SecureSession server = keys.newServer();
        byte[] m2 = server.unwrap(client.connectRequest()).data();
        byte[] m4 = server.unwrap(client.unwrap(m2).data()).data();
        return client.unwrap(m4);
    }

    /** A fresh client's m1, made outside the measurement. */
    @State(Scope.Thread)
    public static class ConnectRequest {
        byte[] m1;

        @Setup(Level.Invocation)
        public void prepare(Keys keys) {
            m1 = keys.newClient().connectRequest();
        }
    }

    @Benchmark
    public UnwrapResult serverAcceptsConnectRequest(Keys keys, ConnectRequest input)
            throws SecureSessionException {
        SecureSession server = keys.newServer();
        return server.unwrap(input.m1);
    }

    /**
     * A server that answered a fresh client's m1, and that client's m3, made outside the
     * measurement.
     */
    @State(Scope.Thread)
    public static class ClientFinish {
        SecureSession server;
        byte[] m3;

        @Setup(Level.Invocation)
        public void prepare(Keys keys) throws SecureSessionException {
            SecureSession client = keys.newClient();
            server = keys.newServer();
            byte[] m2 = server.unwrap(client.connectRequest()).data();
            m3 = client.unwrap(m2).data();
        }
    }

    @Benchmark
    public UnwrapResult serverFinishesHandshake(ClientFinish input) throws SecureSessionException {
        return input.server.unwrap(input.m3);
    }

    /** One established client that keeps wrapping. */
    @State(Scope.Thread)
    public static class Sender {
        SecureSession client;
        final byte[] message64 = random(64);
        final byte[] message1k = random(1024);

        @Setup(Level.Trial)
        public void establish(Keys keys) {
            client = keys.establishedPair()[0];
        }
    }

    @Benchmark
    public byte[] wrap64(Sender s) {
        return s.client.wrap(s.message64);
    }

    @Benchmark
    public byte[] wrap1k(Sender s) {
        return s.client.wrap(s.message1k);
    }

    /** A fresh strict receiver and a batch of frames it has not seen, per invocation. */
    public abstract static class Receiver {
        SecureSession server;
        byte[][] frames;

        abstract int messageSize();

        @Setup(Level.Invocation)
        public void prepare(Keys keys) {
            SecureSession[] pair = keys.establishedPair();
            server = pair[1];
            byte[] message = random(messageSize());
            frames = new byte[UNWRAP_BATCH][];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = pair[0].wrap(message);
            }
        }
    }

    @State(Scope.Thread)
    public static class Receiver64 extends Receiver {
        @Override
        int messageSize() {
            return 64;
        }
    }

    @State(Scope.Thread)
    public static class Receiver1k extends Receiver {
        @Override
        int messageSize() {
            return 1024;
        }
    }

    @Benchmark
    @OperationsPerInvocation(UNWRAP_BATCH)
    public void unwrap64(Receiver64 r, Blackhole bh) throws SecureSessionException {
        unwrapAll(r, bh);
    }

    @Benchmark
    @OperationsPerInvocation(UNWRAP_BATCH)
    public void unwrap1k(Receiver1k r, Blackhole bh) throws SecureSessionException {
        unwrapAll(r, bh);
    }

    private static void unwrapAll(Receiver r, Blackhole bh) throws SecureSessionException {
        SecureSession server = r.server;
        for (byte[] frame : r.frames) {
            bh.consume(server.unwrap(frame));
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
