package dev.parley.server.netty;

import dev.parley.server.metrics.ServerMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket that has not completed a WebSocket upgrade in time. Counted as {@code
 * upgrade_timeout} (a socket that never speaks) unless it was answered a plain HTTP request ({@link
 * HttpAnswered}): a keep-alive /metrics or /healthz client is cut just the same, but it is no
 * refused connection.
 */
final class UpgradeTimeout extends ChannelDuplexHandler {
    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(UpgradeTimeout.class);
    private final Duration timeout;
    private final ServerMetrics metrics;
    private ScheduledFuture<?> timer;
    private boolean answeredHttp;

    /**
     * Fired from the pipeline's head by {@link HttpRoutes} after it answered a plain HTTP request.
     */
    enum HttpAnswered {
        INSTANCE
    }

    UpgradeTimeout(Duration timeout, ServerMetrics metrics) {
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timer =
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (answeredHttp) {
                                        log.debug(
                                                "idle HTTP connection from {} closed",
                                                NettyTransport.ip(ctx.channel()));
                                        ctx.close();
                                        return;
                                    }
                                    // no WebSocket yet, so no close frame: count it, log it, cut
                                    // the socket
                                    metrics.closed("upgrade_timeout");
                                    log.info(
                                            "socket from {} closed: no websocket upgrade within {} ms",
                                            NettyTransport.ip(ctx.channel()),
                                            timeout.toMillis());
                                    ctx.close();
                                },
                                timeout.toNanos(),
                                TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HttpAnswered) {
            answeredHttp = true;
            return;
        }
        if (evt instanceof WebSocketHandler.UpgradeDone) {
            cancel();
            ctx.pipeline().remove(this);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
