package dev.parley.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void allowsTheBurstThenTheRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket b = new TokenBucket(2, 3, now::get);
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isFalse();
        now.addAndGet(500_000_000L); // half a second: one token at 2/s
        assertThat(b.tryTake()).isTrue();
        assertThat(b.tryTake()).isFalse();
        now.addAndGet(60_000_000_000L); // a minute: capped at the burst
        for (int i = 0; i < 3; i++) {
            assertThat(b.tryTake()).isTrue();
        }
        assertThat(b.tryTake()).isFalse();
    }
}
