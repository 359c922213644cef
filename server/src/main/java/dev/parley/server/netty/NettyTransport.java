package dev.parley.server.netty;

import dev.parley.server.connection.CloseReason;
import dev.parley.server.connection.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** {@link Transport} over a Netty channel whose pipeline speaks WebSocket. */
final class NettyTransport implements Transport {
    /** How long a close frame may take to leave before the socket is cut. */
    private static final long CLOSE_GRACE_MS = 1000;

    private final Channel channel;

    NettyTransport(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Executor executor() {
        return channel.eventLoop();
    }

    @Override
    public void sendText(String text) {
        channel.write(new TextWebSocketFrame(text), channel.voidPromise());
    }

    @Override
    public void sendBinary(byte[] data) {
        channel.write(
                new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void setReading(boolean on) {
        channel.config().setAutoRead(on);
    }

    @Override
    public void close(CloseReason reason) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(reason.code(), reason.text()))
                .addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop()
                .schedule(
                        () -> {
                            channel.close();
                        },
                        CLOSE_GRACE_MS,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        var future = channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(f -> future.cancel(false));
    }

    @Override
    public String remoteAddress() {
        return ip(channel);
    }

    static String ip(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return String.valueOf(channel.remoteAddress());
    }
}
