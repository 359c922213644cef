package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaultsAreTheNamedConstants() {
        ServerConfig c = ServerConfig.builder().build();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("parley-data"));
        assertThat(c.identityPolicy()).isEqualTo(IdentityPolicy.TOFU);
        assertThat(c.maxFrameBytes()).isEqualTo(64 * 1024);
        assertThat(c.maxMessageBytes()).isEqualTo(8 * 1024);
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.historyReplay()).isEqualTo(50);
    }

    @Test
    void settersRejectNonsenseAtOnce() {
        assertThatThrownBy(() -> ServerConfig.builder().port(70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().handshakeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().rateLimit(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerConfig.builder().outboundQueueLimit(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossFieldRulesAreCheckedInBuild() {
        assertThatThrownBy(
                        () -> ServerConfig.builder().identityPolicy(IdentityPolicy.CLOSED).build())
                .hasMessageContaining("authorized-keys");
        assertThatThrownBy(
                        () ->
                                ServerConfig.builder()
                                        .maxFrameBytes(1024)
                                        .maxMessageBytes(2048)
                                        .build())
                .hasMessageContaining("frame size");
    }
}
