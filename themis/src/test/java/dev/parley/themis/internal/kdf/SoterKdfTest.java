package dev.parley.themis.internal.kdf;

import static dev.parley.themis.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SoterKdfTest {
    private static final byte[] KEY =
            hex("4e6f68365577616568696564316b696a6f74686168326f506f68306565517565");
    private static final String LABEL = "Example key derivation";
    private static final byte[] C1 = "2020-12-20".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] C2 = "11:18:24".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesSpecCheckValueWithExplicitKey() {
        assertThat(SoterKdf.derive(KEY, LABEL, 32, C1, C2))
                .isEqualTo(hex("d5f5be45fd6eab6dcbf93c21c3d2d1e3e888fa20ef38f2f4a121c196382342dd"));
    }

    @Test
    void matchesSpecCheckValueWithImplicitKey() {
        assertThat(SoterKdf.deriveWithImplicitKey(LABEL, 32, C1, C2))
                .isEqualTo(hex("cf9846b8026c5b76a0641aa85f4152ff02c15ad45b726c6e578be52afdfd6930"));
    }

    @Test
    void shortOutputIsPrefixOfFullOutput() {
        byte[] full = SoterKdf.derive(KEY, LABEL, 32, C1);
        assertThat(SoterKdf.derive(KEY, LABEL, 4, C1))
                .containsExactly(java.util.Arrays.copyOf(full, 4));
    }

    @Test
    void rejectsOutputLongerThanOneBlock() {
        assertThatThrownBy(() -> SoterKdf.derive(KEY, LABEL, 33))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
