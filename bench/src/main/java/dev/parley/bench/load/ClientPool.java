package dev.parley.bench.load;

import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens and owns load clients: one Netty event loop group, many sockets, each bound to a loopback
 * source address from {@link SourceAddresses} so that more sockets than one address's ephemeral
 * ports can reach one server port.
 *
 * <p>Thread-safe. {@link #close()} closes every socket and stops the event loops (bounded).
 */
public final class ClientPool implements AutoCloseable {
    static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    static final long UPGRADE_TIMEOUT_MILLIS = 30_000;

    private final EventLoopGroup group;
    private final LoadStats stats;
    private final SourceAddresses sources;
    private final Queue<LoadClient> clients = new ConcurrentLinkedQueue<>();

    public ClientPool(int threads, LoadStats stats, SourceAddresses sources) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.stats = stats;
        this.sources = sources;
    }

    public LoadStats stats() {
        return stats;
    }

    /**
     * Starts one client; the returned client's {@link LoadClient#established()} says how it went.
     */
    public LoadClient connect(
            URI url, WireDialect dialect, String name, KeyPair keys, PublicKey serverKey) {
        LoadClient client = new LoadClient(name, dialect, keys, serverKey, stats);
        clients.add(client);
        WebSocketClientProtocolConfig ws =
                WebSocketClientProtocolConfig.newBuilder()
                        .webSocketUri(url)
                        .version(WebSocketVersion.V13)
                        .subprotocol(dialect.subprotocol())
                        .allowExtensions(false)
                        .customHeaders(new DefaultHttpHeaders())
                        .maxFramePayloadLength(MAX_FRAME_BYTES)
                        .handshakeTimeoutMillis(UPGRADE_TIMEOUT_MILLIS)
                        .dropPongFrames(true)
                        .build();
        Bootstrap b =
                new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                        .handler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(
                                                        new HttpClientCodec(),
                                                        new HttpObjectAggregator(64 * 1024),
                                                        new WebSocketClientProtocolHandler(ws),
                                                        new WebSocketFrameAggregator(
                                                                MAX_FRAME_BYTES),
                                                        client);
                                    }
                                });
        InetAddress local = sources.next();
        ChannelFuture f =
                b.connect(
                        new InetSocketAddress(url.getHost(), port(url)),
                        new InetSocketAddress(local, 0));
        f.addListener(
                done -> {
                    if (!done.isSuccess()) {
                        client.fail("connect");
                    }
                });
        return client;
    }

    /**
     * Opens {@code count} clients with at most {@code maxInFlight} handshakes pending at once, and
     * waits until all are settled or {@code timeoutMillis} passed. With {@code closeWhenReady} each
     * client is closed as soon as its handshake completes.
     *
     * @return the clients that completed their handshake
     */
    public List<LoadClient> connectAll(
            int count, int maxInFlight, long timeoutMillis, ClientSpec spec, boolean closeWhenReady)
            throws InterruptedException {
        Semaphore permits = new Semaphore(maxInFlight);
        List<LoadClient> started = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < count; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                stats.error("connect_deadline");
                break;
            }
            LoadClient c =
                    connect(
                            spec.url(i),
                            spec.dialect(),
                            spec.name(i),
                            spec.keys(i),
                            spec.serverKey(i));
            c.established()
                    .whenComplete(
                            (ok, err) -> {
                                permits.release();
                                if (ok != null && closeWhenReady) {
                                    ok.close();
                                }
                            });
            started.add(c);
        }
        List<LoadClient> ready = new ArrayList<>(started.size());
        for (LoadClient c : started) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                ready.add(c.established().get(left, TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                // counted by the client
            } catch (java.util.concurrent.TimeoutException e) {
                c.fail("handshake_deadline");
            }
        }
        return ready;
    }

    /** What {@link #connectAll} opens: per client index, its URL, name, keys. */
    public interface ClientSpec {
        URI url(int index);

        WireDialect dialect();

        String name(int index);

        KeyPair keys(int index);

        PublicKey serverKey(int index);
    }

    /** Closes every client of this pool (not counted as errors). */
    public void closeClients() {
        LoadClient c;
        while ((c = clients.poll()) != null) {
            c.close();
        }
    }

    @Override
    public void close() {
        closeClients();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "wss".equals(url.getScheme()) ? 443 : 80;
    }
}
