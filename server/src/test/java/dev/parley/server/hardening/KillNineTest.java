package dev.parley.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.store.StoredMessage;
import dev.parley.server.testing.ChatClient;
import dev.parley.themis.KeyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, part 3: {@code kill -9} of the server (a child JVM) while clients write history as fast
 * as the server takes it and new names register, three times on the same data directory. After each
 * kill the store is read directly: every record passes its integrity check, ids are unique and
 * increasing, each writer's messages are a gap-free, duplicate-free prefix of what it sent that
 * includes every message the server had echoed, and every name whose handshake finished is still
 * bound to its key. After each restart the server enforces those bindings and keeps numbering after
 * the last stored id.
 */
@Timeout(300)
class KillNineTest {
    static final int CYCLES = 3;
    static final int WRITERS = 6;
    static final int WINDOW = 20;
    static final Duration WRITE_FOR = Duration.ofSeconds(4);

    @TempDir Path dir;

    @Test
    void identitiesAndHistorySurviveSigkillDuringHeavyWrites() throws Exception {
        Path data = dir.resolve("data");
        Map<String, KeyPair> registered = new ConcurrentHashMap<>();
        Map<String, KeyPair> writerKeys = new HashMap<>();
        for (int i = 0; i < WRITERS; i++) {
            writerKeys.put("writer" + i, KeyPair.generate());
        }
        long[] echoedTotal = new long[WRITERS];
        long[] storedBefore = new long[WRITERS];
        long lastId = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            AtomicLongArray echoed = new AtomicLongArray(WRITERS);
            try (ServerProcess server = start(data)) {
                // the bindings of the last cycle hold after the restart
                if (!registered.isEmpty()) {
                    String someone = registered.keySet().iterator().next();
                    assertThat(connects(server, someone, registered.get(someone))).isTrue();
                    assertThat(connects(server, someone, KeyPair.generate()))
                            .as("name taken by another key")
                            .isFalse();
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    int w = i;
                    long from = storedBefore[w];
                    threads.add(
                            thread(
                                    () ->
                                            write(
                                                    server,
                                                    w,
                                                    writerKeys.get("writer" + w),
                                                    from,
                                                    echoed,
                                                    stop)));
                }
                int c = cycle;
                threads.add(thread(() -> register(server, c, registered, stop)));
                Thread.sleep(WRITE_FOR.toMillis());
                server.kill9(); // mid-write: the writers have up to WINDOW messages in flight each
                stop.set(true);
                for (Thread t : threads) {
                    t.join(20_000);
                }
            }
            List<StoredMessage> history = StoreCheck.history(data, "main");
            Map<String, Long> counts = new HashMap<>();
            long prevId = 0;
            for (StoredMessage m : history) {
                assertThat(m.id()).as("ids unique and increasing").isGreaterThan(prevId);
                prevId = m.id();
                if (!m.sender().startsWith("writer")) {
                    continue;
                }
                long next = counts.merge(m.sender(), 1L, Long::sum);
                assertThat(m.text())
                        .as("%s's messages in order, no gap, no duplicate", m.sender())
                        .isEqualTo(Long.toString(next));
            }
            assertThat(prevId)
                    .as("numbering continues after the last stored id")
                    .isGreaterThan(lastId);
            lastId = prevId;
            for (int w = 0; w < WRITERS; w++) {
                long stored = counts.getOrDefault("writer" + w, 0L);
                echoedTotal[w] = echoed.get(w);
                assertThat(stored)
                        .as("writer%d: every echoed message is stored", w)
                        .isGreaterThanOrEqualTo(echoed.get(w));
                storedBefore[w] = stored;
            }
            Map<String, byte[]> bound = StoreCheck.bindings(data, registered.keySet());
            assertThat(bound.keySet())
                    .as("every finished registration")
                    .containsAll(registered.keySet());
            for (Map.Entry<String, KeyPair> e : registered.entrySet()) {
                assertThat(bound.get(e.getKey())).isEqualTo(e.getValue().publicKey().toByteArray());
            }
            System.out.printf(
                    "[kill-9] cycle %d: %d records (last id %d), echoed %s, %d names bound%n",
                    cycle,
                    history.size(),
                    lastId,
                    java.util.Arrays.toString(echoedTotal),
                    registered.size());
            assertThat(echoed.get(0)).as("writes were under way when killed").isPositive();
        }
    }

    private ServerProcess start(Path data) throws Exception {
        return ServerProcess.start(
                List.of("-Xmx128m"),
                List.of("--data", data.toString(), "--rate", "5000", "--burst", "5000"),
                null,
                dir.resolve("server.log"));
    }

    /**
     * Sends "1", "2", ... (continuing after {@code from}) with up to WINDOW unechoed; counts
     * echoes.
     */
    private static void write(
            ServerProcess server,
            int w,
            KeyPair keys,
            long from,
            AtomicLongArray echoed,
            AtomicBoolean stop) {
        String name = "writer" + w;
        String prefix = "<" + name + "> ";
        try (ChatClient c =
                ChatClient.connect(
                        server.port(), ChatClient.Protocol.V1, name, keys, server.key())) {
            long sent = from;
            long seen = from;
            while (!stop.get()) {
                if (sent - seen < WINDOW) {
                    c.say(Long.toString(++sent));
                }
                String line;
                while ((line = c.nextLine(Duration.ofMillis(sent - seen < WINDOW ? 0 : 5)))
                        != null) {
                    if (line.startsWith(prefix)) {
                        seen = Long.parseLong(line.substring(prefix.length()));
                        echoed.set(w, seen - from);
                    }
                }
                if (c.awaitClose(Duration.ZERO) != null) {
                    return;
                }
            }
        } catch (RuntimeException killed) {
            // the server died under us
        }
    }

    /** Registers fresh names until stopped; a name counts once its handshake finished. */
    private static void register(
            ServerProcess server, int cycle, Map<String, KeyPair> registered, AtomicBoolean stop) {
        for (int k = 0; !stop.get() && k < 10_000; k++) {
            String name = "reg" + cycle + "-" + k;
            KeyPair keys = KeyPair.generate();
            try (ChatClient c =
                    ChatClient.connect(
                            server.port(), ChatClient.Protocol.V1, name, keys, server.key())) {
                registered.put(c.name(), keys);
            } catch (RuntimeException killed) {
                return;
            }
        }
    }

    /** True if {@code name} with {@code keys} gets through the handshake and is welcomed. */
    private static boolean connects(ServerProcess server, String name, KeyPair keys) {
        try (ChatClient c =
                ChatClient.connect(
                        server.port(), ChatClient.Protocol.V1, name, keys, server.key())) {
            return c.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT) != null;
        } catch (IllegalStateException refused) {
            return false;
        }
    }

    private static Thread thread(Runnable r) {
        Thread t = new Thread(r, "kill9-load");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
