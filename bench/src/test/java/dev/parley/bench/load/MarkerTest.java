package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MarkerTest {
    @Property
    void stampSurvivesAnySurroundingText(
            @ForAll @IntRange(min = 0) int tag, @ForAll long nanos, @ForAll String before) {
        String line = "<alice> " + before.replace("ts#", "") + Marker.text(tag, nanos) + " tail";
        assertThat(Marker.find(line)).isEqualTo(new Marker.Stamp(tag, nanos));
    }

    @Test
    void findsStampInsideV2Json() {
        String json =
                "{\"type\":\"message\",\"id\":3,\"room\":\"main\",\"from\":\"b1x0\",\"text\":\"ts#7#123456789#\",\"ts\":1}";
        assertThat(Marker.find(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Marker.Stamp(7, 123456789L));
    }

    @Test
    void linesWithoutAStampAreNotDeliveries() {
        assertThat(Marker.find("* b1x3 joined main")).isNull();
        assertThat(Marker.find("ts#")).isNull();
        assertThat(Marker.find("ts#1#")).isNull();
        assertThat(Marker.find("ts#x#12#")).isNull();
        assertThat(Marker.find("ts#1#12a#")).isNull();
        assertThat(Marker.find("ts#-1#12#")).isNull();
    }

    @Test
    void rejectsNegativeTag() {
        assertThatThrownBy(() -> Marker.text(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiptOfAnotherStepCountsAsStale() {
        LoadStats stats = new LoadStats();
        stats.currentTag(2);
        stats.received(new Marker.Stamp(1, System.nanoTime()), System.nanoTime());
        stats.received(new Marker.Stamp(2, 0), 2_000_000);
        assertThat(stats.deliveries()).isEqualTo(1);
        assertThat(stats.staleDeliveries()).isEqualTo(1);
        assertThat(stats.deliveryInterval().getValueAtPercentile(50)).isBetween(1999L, 2001L);
    }
}
