package dev.parley.server.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sealed cluster events waiting to be appended to the events stream, written in order by one thread
 * of its own. While Redis is unreachable the head is retried (with back-off) and later events wait
 * behind it, so nothing is lost while the node lives; a re-sent event that Redis had already stored
 * is dropped by readers, which de-duplicate by event id. Bounded: when {@value #CAPACITY} events
 * wait, new ones are dropped and counted.
 */
final class EventOutbox implements AutoCloseable {
    static final int CAPACITY = 10_000;

    /** Events kept in the stream (approximately); the window a node may lag behind. */
    static final long STREAM_LENGTH = 100_000;

    private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final RedisCommands<String, byte[]> redis;
    private final String streamKey;
    private final Thread writer;
    private volatile boolean running = true;
    private volatile long dropped;

    EventOutbox(RedisCommands<String, byte[]> redis, String streamKey, String threadName) {
        this.redis = redis;
        this.streamKey = streamKey;
        this.writer = new Thread(this::drain, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues one sealed event; never blocks. */
    void offer(byte[] sealedEvent) {
        if (!queue.offer(sealedEvent)) {
            dropped++;
            log.warn("cluster event outbox full: {} events dropped so far", dropped);
        }
    }

    /** Events waiting (tests, metrics). */
    int pending() {
        return queue.size();
    }

    private void drain() {
        long backoffMillis = 50;
        while (running) {
            byte[] head;
            try {
                head = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (head == null) {
                continue;
            }
            while (running) {
                try {
                    redis.xadd(
                            streamKey,
                            XAddArgs.Builder.maxlen(STREAM_LENGTH).approximateTrimming(),
                            Map.of(ClusterCodec.FIELD, head));
                    backoffMillis = 50;
                    break;
                } catch (RedisException e) {
                    log.warn(
                            "cannot publish a cluster event, retrying: {}",
                            e.getClass().getSimpleName());
                    if (!sleep(backoffMillis)) {
                        return;
                    }
                    backoffMillis = Math.min(1000, backoffMillis * 2);
                }
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops the writer after it flushed what it can within about one second. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
