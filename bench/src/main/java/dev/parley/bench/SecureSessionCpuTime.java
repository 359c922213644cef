package dev.parley.bench;

import dev.parley.themis.KeyPair;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * A companion to {@link SecureSessionBenchmark} for a shared, busy machine: the same operations
 * timed by this thread's <em>CPU time</em> rather than wall time, so other processes competing for
 * the cores do not show up as slowness (cache and hyper-thread interference still do, so treat the
 * figures as a lower bound of what an idle core achieves). The server handshake is timed exactly
 * around the server's own calls (session construction + m1, then m3), the client runs untimed in
 * between. Five rounds; the first is warm-up.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.parley.bench.SecureSessionCpuTime}
 */
public final class SecureSessionCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final byte[] CLIENT_ID = "alice@chat.example".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVER_ID = "chat-server".getBytes(StandardCharsets.UTF_8);
    private static final int HANDSHAKES = 2_000;
    private static final int MESSAGES = 300_000;

    private final KeyPair clientKeys = KeyPair.generate();
    private final KeyPair serverKeys = KeyPair.generate();

    private SecureSessionCpuTime() {}

    public static void main(String[] args) throws SecureSessionException {
        SecureSessionCpuTime probe = new SecureSessionCpuTime();
        for (int round = 0; round < 5; round++) {
            probe.round(round == 0 ? "warm-up" : "round " + round);
        }
    }

    private SecureSession client() {
        return SecureSession.create(
                CLIENT_ID, clientKeys.privateKey(), id -> serverKeys.publicKey());
    }

    private SecureSession server() {
        return SecureSession.create(
                SERVER_ID, serverKeys.privateKey(), id -> clientKeys.publicKey());
    }

    private void round(String name) throws SecureSessionException {
        long serverNanos = 0;
        for (int i = 0; i < HANDSHAKES; i++) {
            SecureSession client = client();
            byte[] m1 = client.connectRequest();
            long t0 = THREADS.getCurrentThreadCpuTime();
            SecureSession server = server();
            byte[] m2 = server.unwrap(m1).data();
            serverNanos += THREADS.getCurrentThreadCpuTime() - t0;
            byte[] m3 = client.unwrap(m2).data();
            t0 = THREADS.getCurrentThreadCpuTime();
            byte[] m4 = server.unwrap(m3).data();
            serverNanos += THREADS.getCurrentThreadCpuTime() - t0;
            client.unwrap(m4);
        }
        SecureSession client = client();
        SecureSession server = server();
        byte[] m4 =
                server.unwrap(client.unwrap(server.unwrap(client.connectRequest()).data()).data())
                        .data();
        client.unwrap(m4);
        System.out.printf(
                "%-8s server handshakes %6.0f /cpu-s | %s | %s%n",
                name,
                HANDSHAKES * 1e9 / serverNanos,
                messages(client, server, 64),
                messages(client, server, 1024));
    }

    private static String messages(SecureSession sender, SecureSession receiver, int size)
            throws SecureSessionException {
        byte[] message = new byte[size];
        byte[][] frames = new byte[MESSAGES / (size / 64)][];
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < frames.length; i++) {
            frames[i] = sender.wrap(message);
        }
        long wrapNanos = THREADS.getCurrentThreadCpuTime() - t0;
        t0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] frame : frames) {
            receiver.unwrap(frame);
        }
        long unwrapNanos = THREADS.getCurrentThreadCpuTime() - t0;
        return String.format(
                "%4d B: wrap %5.2f M/cpu-s, unwrap %5.2f M/cpu-s",
                size, frames.length * 1e3 / wrapNanos, frames.length * 1e3 / unwrapNanos);
    }
}
