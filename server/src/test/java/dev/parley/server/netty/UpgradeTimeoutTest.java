package dev.parley.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpgradeTimeoutTest {
    private final dev.parley.server.metrics.ServerMetrics metrics =
            new dev.parley.server.metrics.ServerMetrics();

    @Test
    void closesASocketThatNeverUpgrades() throws Exception {
        EmbeddedChannel ch =
                new EmbeddedChannel(new UpgradeTimeout(Duration.ofMillis(50), metrics));
        TimeUnit.MILLISECONDS.sleep(80);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.closeCount("upgrade_timeout")).isEqualTo(1);
    }

    @Test
    void staysOutOfTheWayAfterTheUpgrade() throws Exception {
        EmbeddedChannel ch =
                new EmbeddedChannel(new UpgradeTimeout(Duration.ofMillis(50), metrics));
        ch.pipeline().fireUserEventTriggered(WebSocketHandler.UpgradeDone.INSTANCE);
        TimeUnit.MILLISECONDS.sleep(80);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.pipeline().get(UpgradeTimeout.class)).isNull();
        assertThat(metrics.closeCount("upgrade_timeout")).isZero();
        ch.close();
    }

    @Test
    void anAnsweredHttpConnectionIsCutButNotCountedAsSilent() throws Exception {
        EmbeddedChannel ch =
                new EmbeddedChannel(new UpgradeTimeout(Duration.ofMillis(50), metrics));
        ch.pipeline().fireUserEventTriggered(UpgradeTimeout.HttpAnswered.INSTANCE);
        TimeUnit.MILLISECONDS.sleep(80);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.closeCount("upgrade_timeout")).isZero();
    }
}
