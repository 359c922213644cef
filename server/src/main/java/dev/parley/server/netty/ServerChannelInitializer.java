package dev.parley.server.netty;

import dev.parley.server.ServerConfig;
import dev.parley.server.connection.Connection;
import dev.parley.server.connection.ConnectionContext;
import dev.parley.server.connection.Dialect;
import dev.parley.server.connection.V2Dialect;
import dev.parley.server.web.WebAssets;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pipeline, one handler per concern:
 *
 * <pre>
 *   idle          IdleStateHandler      ping after idle/2 without a byte, close after idle
 *   upgrade-timer UpgradeTimeout        close a socket that never upgrades
 *   http          HttpServerCodec
 *   http-agg      HttpObjectAggregator  {@value #MAX_HTTP_REQUEST_BYTES} bytes max
 *   routes        HttpRoutes            /healthz /metrics, server key, web client, upgrades pass on
 *   websocket     WebSocketServerProtocolHandler  any path, subprotocol parley.v2 or none,
 *                                       frame size limit, UTF-8 check, ping/pong/close
 *   frames        WebSocketFrameAggregator  fragmented messages, same size limit
 *   connection    WebSocketHandler      hands everything to the channel's Connection
 * </pre>
 */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_HTTP_REQUEST_BYTES = 16 * 1024;

    private final ServerConfig config;
    private final ConnectionContext context;
    private final Function<String, Dialect> dialects;
    private final IpConnectionLimiter perIp;
    private final BooleanSupplier healthy;
    private final Consumer<Connection> onOpen;
    private final Consumer<Connection> onClose;
    private final String serverKeyBase64;
    private final Optional<WebAssets> webAssets = WebAssets.bundled();

    /**
     * @param dialects the dialect for a negotiated subprotocol ({@code null}: none, v1)
     * @param onOpen called on the event loop when a connection is created; onClose when it ends
     */
    ServerChannelInitializer(
            ConnectionContext context,
            Function<String, Dialect> dialects,
            BooleanSupplier healthy,
            Consumer<Connection> onOpen,
            Consumer<Connection> onClose) {
        this.config = context.config();
        this.context = context;
        this.dialects = dialects;
        this.perIp = new IpConnectionLimiter(config.maxConnectionsPerIp());
        this.healthy = healthy;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.serverKeyBase64 = context.serverKey().publicKey().toBase64();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long idleNanos = config.idleTimeout().toNanos();
        WebSocketServerProtocolConfig ws =
                WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath("/")
                        .checkStartsWith(true)
                        .subprotocols(V2Dialect.SUBPROTOCOL)
                        .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                        .dropPongFrames(true)
                        .decoderConfig(
                                WebSocketDecoderConfig.newBuilder()
                                        .maxFramePayloadLength(config.maxFrameBytes())
                                        .allowExtensions(false)
                                        .withUTF8Validator(true)
                                        .closeOnProtocolViolation(true)
                                        .build())
                        .build();
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new IdleStateHandler(idleNanos / 2, 0, 0, TimeUnit.NANOSECONDS));
        p.addLast(
                "upgrade-timer", new UpgradeTimeout(config.handshakeTimeout(), context.metrics()));
        p.addLast("http", new HttpServerCodec());
        p.addLast("http-agg", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        p.addLast("routes", new HttpRoutes(context.metrics(), healthy, serverKeyBase64, webAssets));
        p.addLast("websocket", new WebSocketServerProtocolHandler(ws));
        p.addLast("frames", new WebSocketFrameAggregator(config.maxFrameBytes()));
        p.addLast("connection", new WebSocketHandler(context, dialects, perIp, onOpen, onClose));
    }
}
