package dev.parley.server.netty;

import dev.parley.server.connection.CloseReason;
import dev.parley.server.connection.Connection;
import dev.parley.server.connection.ConnectionContext;
import dev.parley.server.connection.Dialect;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin handler: after the WebSocket upgrade it creates the channel's {@link Connection} and
 * hands it every frame and socket event. Holds no protocol state of its own.
 */
final class WebSocketHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketHandler.class);
    private final ConnectionContext context;
    private final Function<String, Dialect> dialects;
    private final IpConnectionLimiter perIp;
    private final Consumer<Connection> onOpen;
    private final Consumer<Connection> onClose;
    private Connection connection;
    private String ipHeld;

    WebSocketHandler(
            ConnectionContext context,
            Function<String, Dialect> dialects,
            IpConnectionLimiter perIp,
            Consumer<Connection> onOpen,
            Consumer<Connection> onClose) {
        this.context = context;
        this.dialects = dialects;
        this.perIp = perIp;
        this.onOpen = onOpen;
        this.onClose = onClose;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete hs) {
            ctx.pipeline().fireUserEventTriggered(UpgradeDone.INSTANCE);
            NettyTransport transport = new NettyTransport(ctx.channel());
            connection =
                    new Connection(transport, dialects.apply(hs.selectedSubprotocol()), context);
            onOpen.accept(connection);
            String ip = transport.remoteAddress();
            if (perIp.tryAcquire(ip)) {
                ipHeld = ip;
            } else {
                connection.refuse(CloseReason.TOO_MANY_CONNECTIONS);
            }
        } else if (evt instanceof IdleStateEvent idle && connection != null) {
            // half the idle timeout without a byte: ping; the whole timeout: give up
            if (idle.state() == IdleState.READER_IDLE && idle.isFirst()) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (idle.state() == IdleState.READER_IDLE) {
                connection.onIdle();
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame) || connection == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                byte[] payload = ByteBufUtil.getBytes(frame.content());
                connection.onFrame(frame instanceof TextWebSocketFrame, payload);
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null && ctx.channel().isWritable()) {
            connection.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onClosed();
            onClose.accept(connection);
        }
        if (ipHeld != null) {
            perIp.release(ipHeld);
            ipHeld = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection != null && cause instanceof CorruptedWebSocketFrameException c) {
            // the decoder already sent its close frame
            WebSocketCloseStatus st = c.closeStatus();
            CloseReason reason =
                    st.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                            ? CloseReason.TOO_BIG
                            : st.code() == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()
                                    ? CloseReason.NOT_UTF8
                                    : CloseReason.PROTOCOL_ERROR;
            connection.onTransportViolation(reason);
            ctx.close();
        } else if (connection != null && cause instanceof TooLongFrameException) {
            connection.refuse(CloseReason.TOO_BIG);
        } else if (cause instanceof java.io.IOException) {
            ctx.close(); // the peer went away (reset); channelInactive accounts for it
        } else if (connection != null) {
            log.debug("socket error: {}", cause.getClass().getSimpleName());
            connection.refuse(CloseReason.PROTOCOL_ERROR);
        } else {
            log.debug("socket error before upgrade: {}", cause.getClass().getSimpleName());
            ctx.close();
        }
    }

    /** Tells earlier handlers the upgrade finished (the pre-upgrade timeout stops). */
    enum UpgradeDone {
        INSTANCE
    }
}
