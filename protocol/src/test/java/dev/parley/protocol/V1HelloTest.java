package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V1HelloTest {
    /** A 45-byte Themis public key container, as the tutorial clients send. */
    private static final byte[] KEY = new byte[45];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 37 + 11);
        }
    }

    private static final String KEY_B64 = Base64.getEncoder().encodeToString(KEY);

    @Test
    void parsesNameAndKey() throws ProtocolException {
        V1Hello hello = V1Hello.parse("alice:" + KEY_B64);
        assertThat(hello.name()).isEqualTo("alice");
        assertThat(hello.publicKey()).isEqualTo(KEY);
    }

    @Test
    void acceptsAndroidMimeLineBreaks() throws ProtocolException {
        byte[] longKey = new byte[120];
        longKey[5] = 9;
        String mime = Base64.getMimeEncoder().encodeToString(longKey); // \r\n every 76 chars
        assertThat(mime).contains("\r\n");
        assertThat(V1Hello.parse("bob:" + mime).publicKey()).isEqualTo(longKey);
        // Android Base64.DEFAULT: \n line breaks and a trailing \n
        String android = mime.replace("\r\n", "\n") + "\n";
        assertThat(V1Hello.parse("bob:" + android).publicKey()).isEqualTo(longKey);
        assertThat(V1Hello.parse("bob:" + KEY_B64 + "\r\n").publicKey()).isEqualTo(KEY);
    }

    @Property(tries = 200)
    void anyKeyRoundTripsThroughMimeBase64(@ForAll @Size(min = 1, max = 300) byte[] key)
            throws ProtocolException {
        assertThat(
                        V1Hello.parse("carol:" + Base64.getMimeEncoder().encodeToString(key))
                                .publicKey())
                .isEqualTo(key);
    }

    @Test
    void splitsAtTheFirstColon() {
        // the key part then contains ':' which is not base64
        assertThatThrownBy(() -> V1Hello.parse("alice:bob:" + KEY_B64))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not valid base64");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "alice|no ':' found",
                ":QUJD|user name is empty",
                "abcdefghijklmnopqrstuvwxyz0123456:QUJD|longer than 32",
                "al ice:QUJD|may contain only",
                "_x:QUJD|must start with a letter or digit",
                "alice:|public key is empty",
                "alice:QUJ|not a multiple of 4",
                "alice:QU=D|bad padding",
                "alice:QUJD QUJD|unexpected character",
                "alice:QUJ-|unexpected character",
                "alice:QUJ=|non-canonical",
                "alice:====|bad padding",
            })
    void rejectsBadFramesWithAReason(String frame, String reason) {
        assertThatThrownBy(() -> V1Hello.parse(frame))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsWhitespaceOtherThanLineBreaks() {
        String[][] cases = {
            {"alice:\n", "public key is empty"},
            {"alice:\r\n", "public key is empty"},
            {"alice:QUJD\tQUJD", "unexpected character"},
            {"alice:QUJD\rQUJD", "bare carriage return"},
            {"alice:QUJD\r", "bare carriage return"},
            {"alice:QUJD\u00a0", "unexpected character"},
            {"alice:\uff21UJD", "unexpected character"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> V1Hello.parse(c[0]))
                    .as(c[0])
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void rejectsNonNfcNameInsteadOfNormalisingIt() {
        // the name is also the Secure Session id: changing its bytes would break the handshake
        assertThatThrownBy(() -> V1Hello.parse("e\u0301mile:" + KEY_B64))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("NFC");
    }

    @Test
    void rejectsOverlongFramesAndKeys() {
        assertThatThrownBy(() -> V1Hello.parse("alice:" + "A".repeat(Limits.MAX_V1_HELLO_CHARS)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than");
        String bigKey =
                Base64.getEncoder().encodeToString(new byte[Limits.MAX_V1_PUBLIC_KEY_BYTES + 3]);
        assertThatThrownBy(() -> V1Hello.parse("alice:" + bigKey))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("public key is longer");
    }

    @Test
    void keyIsCopiedAndHiddenFromToString() throws ProtocolException {
        V1Hello hello = V1Hello.parse("alice:" + KEY_B64);
        hello.publicKey()[0] ^= 1;
        assertThat(hello.publicKey()).isEqualTo(KEY);
        assertThat(hello).isEqualTo(new V1Hello("alice", KEY));
        assertThat(hello.toString()).doesNotContain(KEY_B64).contains("45 bytes");
    }
}
