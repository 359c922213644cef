package dev.parley.protocol.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private final JsonReader reader = new JsonReader(1 << 20, 16, 1 << 16);

    private static byte[] stringDocument(String s) {
        return new JsonWriter().beginObject().name("s").value(s).endObject().toUtf8();
    }

    @Property(tries = 2000)
    void anyJavaStringGivesValidJsonAndValidUtf8(@ForAll String s) throws ProtocolException {
        // jqwik's default strings include unpaired surrogates and every control character
        Object parsed = reader.parse(stringDocument(s));
        String back = (String) ((Map<?, ?>) parsed).get("s");
        assertThat(back).isEqualTo(replaceUnpairedSurrogates(s));
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws ProtocolException {
        String s = "a\uD800b\uDC00c\uDBFF";
        byte[] json = stringDocument(s);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"s\":\"a\uFFFDb\uFFFDc\uFFFD\"}");
        assertThat(((Map<?, ?>) reader.parse(json)).get("s")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
    }

    @Test
    void controlCharactersAreEscaped() {
        String json =
                new String(stringDocument("\u0000\u0001\u001f\b\f\n\r\t"), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"s\":\"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\"}");
    }

    @Test
    void misuseIsAnIllegalStateException() {
        assertThatThrownBy(() -> new JsonWriter().beginObject().value("x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().toUtf8())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginArray().name("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nestedContainersGetCommasRight() throws ProtocolException {
        byte[] json =
                new JsonWriter()
                        .beginObject()
                        .name("a")
                        .beginArray()
                        .value(1)
                        .value(true)
                        .beginObject()
                        .endObject()
                        .beginArray()
                        .endArray()
                        .endArray()
                        .name("b")
                        .value("x")
                        .endObject()
                        .toUtf8();
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1,true,{},[]],\"b\":\"x\"}");
        reader.parse(json);
    }

    private static String replaceUnpairedSurrogates(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
