package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void movesToTheNextLoopbackAddressWhenOneIsFull() {
        SourceAddresses s = new SourceAddresses(2);
        assertThat(s.next().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(s.next().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(s.next().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(s.addressesUsed()).isEqualTo(2);
    }

    @Test
    void refusesToLeaveTheLoopbackNetwork() {
        SourceAddresses s = new SourceAddresses(1);
        for (int i = 0; i < SourceAddresses.MAX_ADDRESSES; i++) {
            assertThat(s.next().isLoopbackAddress()).isTrue();
        }
        assertThatThrownBy(s::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsNonPositiveSize() {
        assertThatThrownBy(() -> new SourceAddresses(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
