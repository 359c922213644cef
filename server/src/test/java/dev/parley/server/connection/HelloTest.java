package dev.parley.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HelloTest {
    private final KeyPair keys = KeyPair.generate();

    private static CloseReason reasonFor(String frame) {
        try {
            Hello.parse(frame);
            throw new AssertionError("accepted: " + frame);
        } catch (InputException e) {
            return e.reason();
        }
    }

    @Test
    void acceptsAndroidMimeBase64WithLineBreaks() throws InputException {
        String mime =
                Base64.getMimeEncoder(20, "\n".getBytes())
                                .encodeToString(keys.publicKey().toByteArray())
                        + "\n";
        Hello h = Hello.parse("alice:" + mime);
        assertThat(h.name()).isEqualTo("alice");
        assertThat(h.publicKey()).isEqualTo(keys.publicKey());
        assertThat(Hello.parse(h.encode())).isEqualTo(h);
    }

    @Test
    void eachFaultHasItsOwnReason() {
        String key = keys.publicKey().toBase64();
        assertThat(reasonFor("alice" + key)).isEqualTo(CloseReason.BAD_HELLO);
        assertThat(reasonFor(":" + key)).isEqualTo(CloseReason.BAD_NAME);
        assertThat(reasonFor("x".repeat(33) + ":" + key)).isEqualTo(CloseReason.BAD_NAME);
        assertThat(reasonFor("al ice:" + key)).isEqualTo(CloseReason.BAD_NAME);
        assertThat(reasonFor("alice:%%%")).isEqualTo(CloseReason.BAD_BASE64);
        assertThat(reasonFor("alice:")).isEqualTo(CloseReason.BAD_BASE64);
        assertThat(reasonFor("alice:" + Base64.getEncoder().encodeToString(new byte[45])))
                .isEqualTo(CloseReason.BAD_KEY);
        assertThat(
                        reasonFor(
                                "alice:"
                                        + Base64.getEncoder()
                                                .encodeToString(keys.privateKey().toByteArray())))
                .isEqualTo(CloseReason.BAD_KEY);
    }

    @Test
    void closeReasonsFitInAControlFrame() {
        for (CloseReason r : CloseReason.values()) {
            assertThat(r.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(123);
            assertThat(r.code()).isBetween(1000, 4999);
        }
    }

    @Test
    void inputExceptionCarriesNoInput() {
        assertThatThrownBy(() -> Hello.parse("secretname:%%%"))
                .hasMessageNotContaining("secretname");
    }
}
