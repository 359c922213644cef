package dev.parley.server.netty;

import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.web.WebAssets;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Plain HTTP on the WebSocket port: {@code /healthz}, {@code /metrics} (Prometheus text), {@value
 * #SERVER_KEY_PATH} (the server's public key, base64, for browser clients to pin), and the browser
 * client's files ({@link WebAssets}) at {@code /}, or a placeholder page when the {@code
 * parley-web} jar is not on the classpath. WebSocket upgrade requests, on any path, pass on to the
 * WebSocket handshake handler.
 */
final class HttpRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String PLACEHOLDER_PAGE =
            "<!doctype html><meta charset=utf-8><title>Parley</title>"
                    + "<h1>Parley server</h1><p>The browser client is not bundled yet. Connect with"
                    + " <code>parley chat</code> or a tutorial client over WebSocket on this address.</p>\n";
    static final String SERVER_KEY_PATH = "/.well-known/parley-server-key";
    private final ServerMetrics metrics;
    private final BooleanSupplier healthy;
    private final String serverKeyBase64;
    private final Optional<WebAssets> assets;

    /** Without a server key or browser client: the placeholder page at {@code /}. */
    HttpRoutes(ServerMetrics metrics, BooleanSupplier healthy) {
        this(metrics, healthy, null, Optional.empty());
    }

    /**
     * @param serverKeyBase64 served at {@value #SERVER_KEY_PATH}; null: that path is not found
     */
    HttpRoutes(
            ServerMetrics metrics,
            BooleanSupplier healthy,
            String serverKeyBase64,
            Optional<WebAssets> assets) {
        super(false);
        this.metrics = metrics;
        this.healthy = healthy;
        this.serverKeyBase64 = serverKeyBase64;
        this.assets = assets;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (req.headers()
                .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
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
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "text/plain",
                        "method not allowed\n");
            } else if (path.equals("/healthz")) {
                boolean ok = healthy.getAsBoolean();
                respond(
                        ctx,
                        req,
                        ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "text/plain",
                        ok ? "ok\n" : "shutting down\n");
            } else if (path.equals("/metrics")) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.OK,
                        "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape());
            } else if (path.equals(SERVER_KEY_PATH) && serverKeyBase64 != null) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.OK,
                        "text/plain; charset=utf-8",
                        serverKeyBase64 + "\n",
                        Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"));
            } else if (assets.isPresent() && assets.get().find(path).isPresent()) {
                asset(ctx, req, assets.get().find(path).get());
            } else if (assets.isEmpty() && (path.equals("/") || path.equals("/index.html"))) {
                respond(
                        ctx,
                        req,
                        HttpResponseStatus.OK,
                        "text/html; charset=utf-8",
                        PLACEHOLDER_PAGE);
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

    private static void asset(ChannelHandlerContext ctx, FullHttpRequest req, WebAssets.Asset a) {
        boolean gzip =
                a.gzipBody() != null
                        && WebAssets.acceptsGzip(
                                req.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
        String etag = gzip ? a.gzipEtag() : a.etag();
        Map<String, String> headers = new java.util.LinkedHashMap<>(WebAssets.securityHeaders());
        headers.put("ETag", etag);
        headers.put("Vary", "Accept-Encoding");
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        boolean fresh =
                WebAssets.notModified(req.headers().get(HttpHeaderNames.IF_NONE_MATCH), etag);
        respond(
                ctx,
                req,
                fresh ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                a.contentType(),
                fresh ? new byte[0] : gzip ? a.gzipBody() : a.body(),
                headers);
    }

    private static void respond(
            ChannelHandlerContext ctx,
            FullHttpRequest req,
            HttpResponseStatus status,
            String type,
            String body) {
        respond(ctx, req, status, type, body, Map.of());
    }

    private static void respond(
            ChannelHandlerContext ctx,
            FullHttpRequest req,
            HttpResponseStatus status,
            String type,
            String body,
            Map<String, String> headers) {
        respond(ctx, req, status, type, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void respond(
            ChannelHandlerContext ctx,
            FullHttpRequest req,
            HttpResponseStatus status,
            String type,
            byte[] bytes,
            Map<String, String> headers) {
        FullHttpResponse res =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        status,
                        req.method() == HttpMethod.HEAD
                                ? Unpooled.EMPTY_BUFFER
                                : Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        headers.forEach((k, v) -> res.headers().set(k, v));
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
