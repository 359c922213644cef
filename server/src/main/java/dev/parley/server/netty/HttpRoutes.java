package dev.parley.server.netty;

import dev.parley.server.metrics.ServerMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Plain HTTP on the WebSocket port: {@code /healthz}, {@code /metrics} (Prometheus text),
 * {@code /} (placeholder page until the browser client exists). WebSocket upgrade requests,
 * on any path, pass on to the WebSocket handshake handler.
 */
final class HttpRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String PLACEHOLDER_PAGE = "<!doctype html><meta charset=utf-8><title>Parley</title>"
            + "<h1>Parley server</h1><p>The browser client is not bundled yet. Connect with"
            + " <code>parley chat</code> or a tutorial client over WebSocket on this address.</p>\n";
    private final ServerMetrics metrics;
    private final BooleanSupplier healthy;

    HttpRoutes(ServerMetrics metrics, BooleanSupplier healthy) {
        super(false);
        this.metrics = metrics;
        this.healthy = healthy;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            ctx.pipeline().remove(this); // from here on the socket speaks WebSocket
            ctx.fireChannelRead(req);
            return;
        }
        try {
            String path = req.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
                respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "method not allowed\n");
            } else if (path.equals("/healthz")) {
                boolean ok = healthy.getAsBoolean();
                respond(ctx, req, ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "text/plain", ok ? "ok\n" : "shutting down\n");
            } else if (path.equals("/metrics")) {
                respond(ctx, req, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/") || path.equals("/index.html")) {
                respond(ctx, req, HttpResponseStatus.OK, "text/html; charset=utf-8", PLACEHOLDER_PAGE);
            } else {
                respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
            }
        } finally {
            req.release();
        }
        ctx.pipeline().fireUserEventTriggered(UpgradeTimeout.HttpAnswered.INSTANCE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // an HTTP connection that went quiet; WebSocket ones handle it later on
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
            String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                req.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
