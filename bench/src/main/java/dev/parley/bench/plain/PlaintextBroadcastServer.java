package dev.parley.bench.plain;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling for Parley's architecture: a Netty WebSocket broadcast server with no crypto at all.
 * Protocol ({@code PLAIN} in the load generator): text frames; frame 1 is the client's name,
 * answered with {@code * welcome <name>}; every later frame is broadcast to every client (the
 * sender too) as {@code <name> text}, one shared buffer for all recipients.
 *
 * <p>Same Netty transport and thread count as the Parley server, flushes consolidated per
 * event-loop turn; loopback only. Run it with {@code java -cp ...
 * dev.parley.bench.plain.PlaintextBroadcastServer [port]}; it prints {@code plaintext server
 * listening on ws://127.0.0.1:<port>/} and stops on SIGTERM.
 */
public final class PlaintextBroadcastServer implements AutoCloseable {
    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final int FLUSH_BATCH = 256;
    private static final AttributeKey<String> NAME = AttributeKey.valueOf("name");

    private final EventLoopGroup boss =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final ChannelGroup all = new DefaultChannelGroup("all", GlobalEventExecutor.INSTANCE);

    /** Joined clients; iterated per message with void promises (no future per recipient). */
    private final java.util.Set<Channel> room = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Channel server;

    /** Binds 127.0.0.1:{@code port} (0: any free port); completes with the bound port. */
    public CompletableFuture<Integer> start(int port) {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        ServerBootstrap b =
                new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 4096)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        // one flush per socket per event-loop turn, not per
                                        // message: Parley's drain batches
                                        // its writes the same way, so without this the "ceiling"
                                        // would be syscall-bound
                                        ch.pipeline()
                                                .addLast(
                                                        new FlushConsolidationHandler(
                                                                FLUSH_BATCH, true),
                                                        new HttpServerCodec(),
                                                        new HttpObjectAggregator(16 * 1024),
                                                        new WebSocketServerProtocolHandler(
                                                                "/", null, false, MAX_FRAME_BYTES),
                                                        new Broadcaster());
                                    }
                                });
        b.bind("127.0.0.1", port)
                .addListener(
                        f -> {
                            if (f.isSuccess()) {
                                server = ((io.netty.channel.ChannelFuture) f).channel();
                                bound.complete(
                                        ((InetSocketAddress) server.localAddress()).getPort());
                            } else {
                                bound.completeExceptionally(f.cause());
                            }
                        });
        return bound;
    }

    private final class Broadcaster extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String name = ctx.channel().attr(NAME).get();
            if (name == null) {
                name = frame.text();
                ctx.channel().attr(NAME).set(name);
                Channel ch = ctx.channel();
                room.add(ch);
                ch.closeFuture().addListener(f -> room.remove(ch));
                ctx.writeAndFlush(new TextWebSocketFrame("* welcome " + name));
                return;
            }
            ByteBuf head = Unpooled.copiedBuffer("<" + name + "> ", StandardCharsets.UTF_8);
            TextWebSocketFrame line =
                    new TextWebSocketFrame(Unpooled.wrappedBuffer(head, frame.content().retain()));
            try {
                for (Channel ch : room) {
                    ch.writeAndFlush(line.retainedDuplicate(), ch.voidPromise());
                }
            } finally {
                line.release();
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            all.add(ctx.channel());
            super.channelActive(ctx);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        all.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS)
                .awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        PlaintextBroadcastServer s = new PlaintextBroadcastServer();
        int bound = s.start(port).get(30, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close, "plaintext-shutdown"));
        System.out.println("plaintext server listening on ws://127.0.0.1:" + bound + "/");
        System.out.flush();
        Thread.currentThread().join();
    }
}
