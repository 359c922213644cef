package dev.parley.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ServerConfig;
import dev.parley.server.chat.LocalBus;
import dev.parley.server.chat.Router;
import dev.parley.server.connection.ConnectionContext;
import dev.parley.server.connection.V1Dialect;
import dev.parley.server.identity.NamePolicy;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.testing.MemoryStorage;
import dev.parley.themis.KeyPair;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The thin handler: frames and events go to the Connection, which answers through the channel. */
class WebSocketHandlerTest {
    private final ServerMetrics metrics = new ServerMetrics();
    private final ServerConfig config = ServerConfig.builder().port(0).build();
    private final Router router =
            new Router(
                    Runnable::run,
                    new LocalBus(),
                    new dev.parley.server.chat.StoredRoomHistory(new MemoryStorage().history()),
                    0,
                    100,
                    Clock.systemUTC());
    private final ConnectionContext context =
            new ConnectionContext(
                    config,
                    KeyPair.generate().privateKey(),
                    NamePolicy.open(),
                    router,
                    metrics,
                    Runnable::run);
    private final IpConnectionLimiter perIp = new IpConnectionLimiter(1);

    private EmbeddedChannel upgraded() {
        EmbeddedChannel ch =
                new EmbeddedChannel(
                        new WebSocketHandler(
                                context, sub -> new V1Dialect(), perIp, c -> {}, c -> {}));
        ch.pipeline()
                .fireUserEventTriggered(new HandshakeComplete("/", new DefaultHttpHeaders(), null));
        return ch;
    }

    @Test
    void binaryFrameOnV1GetsCloseFrame1003() {
        EmbeddedChannel ch = upgraded();
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1003);
        assertThat(close.reasonText()).contains("binary");
        close.release();
        assertThat(metrics.closeCount("binary_on_v1")).isEqualTo(1);
        assertThat(metrics.openConnections()).isZero();
    }

    @Test
    void secondConnectionFromTheSameAddressOverTheCapIsClosed() {
        EmbeddedChannel first = upgraded();
        EmbeddedChannel second = upgraded();
        CloseWebSocketFrame close = second.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1008);
        assertThat(close.reasonText()).contains("too many connections");
        close.release();
        assertThat(first.<Object>readOutbound()).isNull();
        second.close();
        first.close();
        EmbeddedChannel third = upgraded();
        assertThat(third.<Object>readOutbound()).isNull(); // the slots were released
        third.close();
    }
}
