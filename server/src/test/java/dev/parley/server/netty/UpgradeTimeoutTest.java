package dev.parley.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpgradeTimeoutTest {
    @Test
    void closesASocketThatNeverUpgrades() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new UpgradeTimeout(Duration.ofMillis(50)));
        TimeUnit.MILLISECONDS.sleep(80);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void staysOutOfTheWayAfterTheUpgrade() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new UpgradeTimeout(Duration.ofMillis(50)));
        ch.pipeline().fireUserEventTriggered(WebSocketHandler.UpgradeDone.INSTANCE);
        TimeUnit.MILLISECONDS.sleep(80);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.pipeline().get(UpgradeTimeout.class)).isNull();
        ch.close();
    }
}
