package dev.parley.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.metrics.ServerMetrics;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpRoutesTest {
    private final ServerMetrics metrics = new ServerMetrics();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final EmbeddedChannel ch = new EmbeddedChannel(new HttpRoutes(metrics, healthy::get));

    private FullHttpResponse get(String uri) {
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
        return ch.readOutbound();
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    @Test
    void healthzReflectsTheServerState() {
        FullHttpResponse ok = get("/healthz");
        assertThat(ok.status().code()).isEqualTo(200);
        assertThat(body(ok)).isEqualTo("ok\n");
        healthy.set(false);
        FullHttpResponse down = get("/healthz?x=1");
        assertThat(down.status().code()).isEqualTo(503);
        body(down);
    }

    @Test
    void metricsArePrometheusText() {
        metrics.closed("rate_limited");
        FullHttpResponse r = get("/metrics");
        assertThat(r.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/plain");
        assertThat(body(r)).contains("parley_closes_total{reason=\"rate_limited\"} 1.0");
    }

    @Test
    void rootIsAnHonestPlaceholderAndUnknownPathsAre404() {
        assertThat(body(get("/"))).contains("not bundled yet");
        FullHttpResponse nf = get("/secret");
        assertThat(nf.status().code()).isEqualTo(404);
        body(nf);
    }

    @Test
    void upgradeRequestsPassThroughUntouched() {
        FullHttpRequest req =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/chat");
        req.headers().set(HttpHeaderNames.UPGRADE, "WebSocket");
        ch.writeInbound(req);
        assertThat(ch.outboundMessages()).isEmpty();
        FullHttpRequest passed = ch.readInbound();
        assertThat(passed).isSameAs(req);
        passed.release();
    }

    @Test
    void otherMethodsAreRefused() {
        ch.writeInbound(
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/metrics"));
        FullHttpResponse r = ch.readOutbound();
        assertThat(r.status().code()).isEqualTo(405);
        body(r);
    }
}
