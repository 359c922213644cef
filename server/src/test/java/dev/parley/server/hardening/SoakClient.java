package dev.parley.server.hardening;

import dev.parley.server.testing.ChatClient;
import dev.parley.themis.KeyPair;
import java.time.Duration;

/**
 * One soak chatter: sends {@code m <seq> <sendNanos>} lines at a fixed rate and checks every other
 * chatter's lines arrive in order, once, with no gap. Runs on its own thread.
 */
final class SoakClient {
    private final String name;
    private final ServerProcess server;
    private final long periodNanos;
    private final long endAt;
    private final LatencyLog latencies;
    private final long[] lastSeq;
    private final KeyPair keys = KeyPair.generate();
    private ChatClient client;
    private volatile long sent;
    private volatile long lost;
    private volatile long duplicated;
    private volatile long errors;
    private volatile long unexpectedCloses;

    SoakClient(
            String name,
            int peers,
            ServerProcess server,
            double rate,
            long endAt,
            LatencyLog latencies) {
        this.name = name;
        this.server = server;
        this.periodNanos = (long) (1e9 / rate);
        this.endAt = endAt;
        this.latencies = latencies;
        this.lastSeq = new long[peers];
    }

    String name() {
        return name;
    }

    void connect() {
        client =
                ChatClient.connect(server.port(), ChatClient.Protocol.V1, name, keys, server.key());
        if (client.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT) == null) {
            throw new IllegalStateException(name + ": no presence line after joining");
        }
    }

    void run() {
        long nextSend = System.nanoTime();
        long seq = 0;
        while (System.nanoTime() < endAt) {
            long now = System.nanoTime();
            if (now >= nextSend) {
                client.say("m " + (++seq) + " " + System.nanoTime());
                sent = seq;
                nextSend += periodNanos;
            }
            String line =
                    client.nextLine(
                            Duration.ofNanos(Math.max(1_000_000, nextSend - System.nanoTime())));
            if (line == null) {
                if (client.awaitClose(Duration.ZERO) != null) {
                    unexpectedCloses++;
                    return;
                }
                continue;
            }
            accept(line, System.nanoTime());
        }
        // drain what is still in flight
        long drainUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < drainUntil) {
            String line = client.nextLine(Duration.ofMillis(500));
            if (line == null) {
                break;
            }
            accept(line, System.nanoTime());
        }
    }

    private void accept(String line, long now) {
        if (line.startsWith("! ")) {
            errors++;
            return;
        }
        // "<soakN> m <seq> <nanos>"
        if (!line.startsWith("<soak")) {
            return;
        }
        int close = line.indexOf("> m ");
        if (close < 0) {
            return;
        }
        int peer = Integer.parseInt(line.substring(5, close));
        String[] parts = line.substring(close + 4).split(" ");
        long seq = Long.parseLong(parts[0]);
        long sentAt = Long.parseLong(parts[1]);
        if (seq <= lastSeq[peer]) {
            duplicated++;
        } else {
            lost += seq - lastSeq[peer] - 1;
            lastSeq[peer] = seq;
        }
        latencies.add(now - sentAt);
    }

    /** Messages from peers never seen; only meaningful after {@link #run()} returned. */
    long lost() {
        return lost;
    }

    /** Messages a peer sent that never arrived at the end (index = peer number). */
    long missingTail(long[] sentByPeer) {
        long missing = 0;
        for (int i = 0; i < sentByPeer.length; i++) {
            missing += Math.max(0, sentByPeer[i] - lastSeq[i]);
        }
        return missing;
    }

    long duplicated() {
        return duplicated;
    }

    long errors() {
        return errors;
    }

    long unexpectedCloses() {
        return unexpectedCloses;
    }

    long sent() {
        return sent;
    }

    void close() {
        client.close();
    }
}
