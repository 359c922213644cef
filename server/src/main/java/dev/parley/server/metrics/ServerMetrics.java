package dev.parley.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's meters, exported in Prometheus text at {@code /metrics}. Thread-safe. Tags are fixed
 * vocabularies (close reasons, results), never names or message content.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Timer handshakeLatency;
    private final Timer deliveryLatency;

    public ServerMetrics() {
        registry.gauge("parley.connections", connections);
        messagesIn =
                Counter.builder("parley.messages.in")
                        .description("chat events received")
                        .register(registry);
        messagesOut =
                Counter.builder("parley.messages.out")
                        .description("frames delivered after the handshake")
                        .register(registry);
        bytesIn =
                Counter.builder("parley.bytes.in")
                        .description("websocket payload bytes received")
                        .register(registry);
        bytesOut =
                Counter.builder("parley.bytes.out")
                        .description("websocket payload bytes sent")
                        .register(registry);
        handshakeLatency =
                Timer.builder("parley.handshake.latency")
                        .description("hello to established")
                        .register(registry);
        deliveryLatency =
                Timer.builder("parley.delivery.latency")
                        .description("routed to written")
                        .register(registry);
    }

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    public int openConnections() {
        return connections.get();
    }

    public void handshakeSucceeded(Duration latency) {
        registry.counter("parley.handshakes", "result", "ok", "reason", "none").increment();
        handshakeLatency.record(latency);
    }

    public void handshakeFailed(String reasonTag) {
        registry.counter("parley.handshakes", "result", "failed", "reason", reasonTag).increment();
    }

    public void closed(String reasonTag) {
        registry.counter("parley.closes", "reason", reasonTag).increment();
    }

    public void messageIn(int bytes) {
        messagesIn.increment();
        bytesIn.increment(bytes);
    }

    public void frameIn(int bytes) {
        bytesIn.increment(bytes);
    }

    public void frameOut(int bytes, boolean message) {
        bytesOut.increment(bytes);
        if (message) {
            messagesOut.increment();
        }
    }

    public void delivered(Duration latency) {
        deliveryLatency.record(latency);
    }

    /** The count of closes with the given reason tag (tests, diagnostics). */
    public double closeCount(String reasonTag) {
        Counter c = registry.find("parley.closes").tag("reason", reasonTag).counter();
        return c == null ? 0 : c.count();
    }

    /** Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }
}
