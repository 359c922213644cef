package dev.parley.bench.load;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One load-generating chat client on one socket: hello, Secure Session handshake as the client
 * (pinning the server key), then timestamped chat messages out and receipts in.
 *
 * <p>Threading: everything runs on the channel's event loop; {@link #sendChat()} and {@link
 * #close()} may be called from any thread and hop onto it.
 */
public final class LoadClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final byte[] SERVER_ID = "server".getBytes(StandardCharsets.UTF_8);

    private final String name;
    private final WireDialect dialect;
    private final KeyPair keys;
    private final PublicKey serverKey;
    private final LoadStats stats;
    private final long startedNanos;
    private final CompletableFuture<LoadClient> established = new CompletableFuture<>();
    private SecureSession session;
    private Channel channel;
    private long seq;
    private Marker.Stamp lastStamp;
    private volatile boolean ready;
    private volatile boolean closing;

    /**
     * @param serverKey the pinned server key; ignored (may be null) for {@link WireDialect#PLAIN}
     */
    public LoadClient(
            String name, WireDialect dialect, KeyPair keys, PublicKey serverKey, LoadStats stats) {
        this.name = name;
        this.dialect = dialect;
        this.keys = keys;
        this.serverKey = serverKey;
        this.stats = stats;
        this.startedNanos = System.nanoTime();
    }

    /** Completes when the client can chat; fails when the socket or the handshake fails. */
    public CompletableFuture<LoadClient> established() {
        return established;
    }

    public String name() {
        return name;
    }

    public boolean isReady() {
        return ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            sendFrame(
                    dialect.hello(name, keys.publicKey().toByteArray())
                            .getBytes(StandardCharsets.UTF_8),
                    dialect.textFrames());
            if (dialect.secure()) {
                session =
                        SecureSession.create(
                                name.getBytes(StandardCharsets.UTF_8),
                                keys.privateKey(),
                                id -> Arrays.equals(id, SERVER_ID) ? serverKey : null);
                sendSession(session.connectRequest());
            }
            ctx.flush();
        } else if (evt
                == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail("upgrade_timeout");
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            return; // the protocol handler answers and closes; channelInactive counts it
        }
        byte[] payload = ByteBufUtil.getBytes(frame.content());
        long now = System.nanoTime();
        if (!dialect.secure()) {
            if (!ready) {
                becomeReady(now);
            } else {
                receipt(payload, now);
            }
            return;
        }
        byte[] message =
                frame instanceof TextWebSocketFrame
                        ? dialect.sessionFromText(new String(payload, StandardCharsets.US_ASCII))
                        : payload;
        UnwrapResult r;
        try {
            r = session.unwrap(message);
        } catch (SecureSessionException | IllegalArgumentException e) {
            fail(ready ? "bad_message" : "handshake");
            return;
        }
        if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
            sendSession(r.data());
            ctx.flush();
        } else if (r.type() == UnwrapResult.Type.USER_DATA) {
            receipt(r.data(), now);
        }
        if (!ready && session.isEstablished()) {
            becomeReady(now);
        }
    }

    private void becomeReady(long now) {
        ready = true;
        stats.handshakeDone(startedNanos, now);
        established.complete(this);
    }

    private void receipt(byte[] plaintext, long now) {
        Marker.Stamp stamp = Marker.find(plaintext);
        if (stamp == null) {
            return;
        }
        // the tutorial's N² mode sends each recipient N copies of a message back to back: count one
        if (stamp.equals(lastStamp)) {
            stats.duplicate();
            return;
        }
        lastStamp = stamp;
        stats.received(stamp, now);
    }

    /** Sends one chat message stamped with the current tag and the send time. Any thread. */
    public void sendChat() {
        Channel ch = channel;
        if (ch == null || !ready || closing) {
            return;
        }
        ch.eventLoop()
                .execute(
                        () -> {
                            if (!ch.isActive()) {
                                return;
                            }
                            byte[] plain =
                                    dialect.chat(
                                            Marker.text(stats.currentTag(), System.nanoTime()),
                                            seq++);
                            if (dialect.secure()) {
                                sendSession(session.wrap(plain));
                            } else {
                                sendFrame(plain, true);
                            }
                            ch.flush();
                            stats.sent();
                        });
    }

    private void sendSession(byte[] message) {
        if (dialect.textFrames()) {
            sendFrame(dialect.sessionText(message).getBytes(StandardCharsets.US_ASCII), true);
        } else {
            sendFrame(message, false);
        }
    }

    private void sendFrame(byte[] payload, boolean text) {
        channel.write(
                text
                        ? new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))
                        : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    /** Closes the socket without counting an error. Any thread. */
    public void close() {
        closing = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!closing) {
            fail(ready ? "closed" : "closed_in_handshake");
        }
        established.completeExceptionally(new IllegalStateException("closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ready ? "socket" : "connect");
    }

    /** Counts the error once and closes. */
    void fail(String reason) {
        if (closing) {
            return;
        }
        closing = true;
        stats.error(reason);
        established.completeExceptionally(new IllegalStateException(reason));
        if (channel != null) {
            channel.close();
        }
    }
}
