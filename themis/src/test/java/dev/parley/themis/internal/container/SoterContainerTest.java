package dev.parley.themis.internal.container;

import static dev.parley.themis.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SoterContainerTest {
    /** The worked example of the wire-format guide, section 2.3. */
    private static final byte[] PUBLIC =
            hex(
                    "554543320000002d755833d40212df1fe9ea4811e1f9718e2411cbfdc0a36ed6ac88b644c29a2484ee504c3ea0");

    @Test
    void rebuildsTheWorkedExampleByteForByte() {
        byte[] payload = Arrays.copyOfRange(PUBLIC, 12, PUBLIC.length);
        assertThat(SoterContainer.build("UEC2", payload)).isEqualTo(PUBLIC);
    }

    @Test
    void parsesTheWorkedExample() throws Exception {
        SoterContainer c = SoterContainer.parseExact(PUBLIC);
        assertThat(c.hasTag("UEC2")).isTrue();
        assertThat(c.payloadLength()).isEqualTo(33);
    }

    @Test
    void rejectsEveryTruncation() {
        for (int n = 0; n < PUBLIC.length; n++) {
            byte[] cut = Arrays.copyOf(PUBLIC, n);
            assertThatThrownBy(() -> SoterContainer.parseExact(cut))
                    .isInstanceOf(ContainerFormatException.class);
        }
    }

    @Test
    void rejectsEveryFlippedHeaderOrPayloadByte() {
        for (int i = 4; i < PUBLIC.length; i++) {
            byte[] bad = PUBLIC.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> SoterContainer.parseExact(bad))
                    .isInstanceOf(ContainerFormatException.class);
        }
    }

    @Test
    void rejectsSizeFieldLargerThanBuffer() {
        byte[] bad = PUBLIC.clone();
        bad[4] = 0x7f;
        assertThatThrownBy(() -> SoterContainer.parse(bad, 0, bad.length))
                .isInstanceOf(ContainerFormatException.class);
    }

    @Test
    void rejectsTrailingBytesWhenExact() {
        byte[] longer = Arrays.copyOf(PUBLIC, PUBLIC.length + 1);
        assertThatThrownBy(() -> SoterContainer.parseExact(longer))
                .isInstanceOf(ContainerFormatException.class);
    }
}
