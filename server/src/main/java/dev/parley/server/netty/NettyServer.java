package dev.parley.server.netty;

import dev.parley.server.ServerConfig;
import dev.parley.server.connection.Connection;
import dev.parley.server.connection.ConnectionContext;
import dev.parley.server.connection.Dialect;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/** Owns the Netty event loops and the listening socket. Not part of the public API. */
public final class NettyServer {
    /** Outbound bytes buffered per socket before the connection stops wrapping (back-pressure). */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);

    private final ServerConfig config;
    private final ServerChannelInitializer initializer;
    private final EventLoopGroup boss =
            new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers =
            new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private Channel listener;

    public NettyServer(
            ServerConfig config,
            ConnectionContext context,
            Function<String, Dialect> dialects,
            BooleanSupplier healthy,
            Consumer<Connection> onOpen,
            Consumer<Connection> onClose) {
        this.config = config;
        this.initializer =
                new ServerChannelInitializer(context, dialects, healthy, onOpen, onClose);
    }

    /** Binds; completes with the bound port. */
    public CompletableFuture<Integer> bind() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer)
                .bind(config.host(), config.port())
                .addListener(
                        f -> {
                            if (f.isSuccess()) {
                                listener = ((io.netty.channel.ChannelFuture) f).channel();
                                result.complete(
                                        ((InetSocketAddress) listener.localAddress()).getPort());
                            } else {
                                result.completeExceptionally(f.cause());
                            }
                        });
        return result;
    }

    /** Closes the listening socket; live connections stay. */
    public void stopAccepting() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    /** Stops the event loops (closing any socket left). */
    public void shutdown() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS)
                .awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
