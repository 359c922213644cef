package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V1InputTest {
    private static V1Input parse(String line) {
        try {
            return V1Input.parse(line);
        } catch (ProtocolException e) {
            throw new AssertionError("should parse: " + e.getMessage(), e);
        }
    }

    @Test
    void plainLinesAreChat() {
        assertThat(parse("hello world")).isEqualTo(new V1Input.Chat("hello world"));
        assertThat(parse("  spaced  ")).isEqualTo(new V1Input.Chat("  spaced  "));
        assertThat(parse("😀 \u65e5\u672c")).isEqualTo(new V1Input.Chat("😀 \u65e5\u672c"));
        assertThat(parse("hello\n")).isEqualTo(new V1Input.Chat("hello"));
        assertThat(parse("hello\r\n")).isEqualTo(new V1Input.Chat("hello"));
        assertThat(parse("a / b")).isEqualTo(new V1Input.Chat("a / b"));
    }

    @Test
    void doubleSlashEscapesALeadingSlash() {
        assertThat(parse("//join is a command")).isEqualTo(new V1Input.Chat("/join is a command"));
        assertThat(parse("//")).isEqualTo(new V1Input.Chat("/"));
    }

    @Test
    void parsesEveryCommand() {
        assertThat(parse("/join dev")).isEqualTo(new V1Input.Join("dev"));
        assertThat(parse("/JOIN  dev ")).isEqualTo(new V1Input.Join("dev"));
        assertThat(parse("/join e\u0301cole")).isEqualTo(new V1Input.Join("\u00e9cole"));
        assertThat(parse("/leave")).isEqualTo(new V1Input.Leave(Optional.empty()));
        assertThat(parse("/leave dev")).isEqualTo(new V1Input.Leave(Optional.of("dev")));
        assertThat(parse("/rooms")).isEqualTo(new V1Input.ListRooms());
        assertThat(parse("/rooms\n")).isEqualTo(new V1Input.ListRooms());
        assertThat(parse("/who")).isEqualTo(new V1Input.Who(Optional.empty()));
        assertThat(parse("/who main")).isEqualTo(new V1Input.Who(Optional.of("main")));
        assertThat(parse("/msg bob hi there")).isEqualTo(new V1Input.Msg("bob", "hi there"));
        assertThat(parse("/msg bob  two  spaces "))
                .isEqualTo(new V1Input.Msg("bob", " two  spaces "));
        assertThat(parse("/msg  bob hi")).isEqualTo(new V1Input.Msg("bob", "hi"));
        assertThat(parse("/history")).isEqualTo(new V1Input.History(OptionalInt.empty()));
        assertThat(parse("/history 20")).isEqualTo(new V1Input.History(OptionalInt.of(20)));
        assertThat(parse("/help")).isEqualTo(new V1Input.Help());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/nope|unknown command",
                "/|unknown command",
                "/join|usage: /join <room>",
                "/join a b|usage: /join <room>",
                "/join bad:room|room name may contain only",
                "/leave a b|usage: /leave [room]",
                "/leave _x|room name must start",
                "/rooms extra|usage: /rooms",
                "/who a b|usage: /who [room]",
                "/msg|usage: /msg <name> <text>",
                "/msg bob|usage: /msg <name> <text>",
                "/msg bob   |usage: /msg <name> <text>",
                "/msg b:ob hi|user name may contain only",
                "/history 0|usage: /history [n]",
                "/history 101|usage: /history [n]",
                "/history -5|usage: /history [n]",
                "/history ten|usage: /history [n]",
                "/history 99999999999|usage: /history [n]",
                "/history 1 2|usage: /history [n]",
            })
    void rejectsBadCommandsWithAReason(String line, String reason) {
        assertThatThrownBy(() -> V1Input.parse(line))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsEmptyAndOverlongText() {
        for (String blank : new String[] {"", "   ", "\n", "\t", "//"}) {
            if (blank.equals("//")) {
                continue; // "//" is the text "/", which is fine
            }
            assertThatThrownBy(() -> V1Input.parse(blank))
                    .as("'%s'", blank)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("empty message");
        }
        assertThatThrownBy(() -> V1Input.parse("x".repeat(Limits.MAX_TEXT_CODE_POINTS + 1)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(
                        () ->
                                V1Input.parse(
                                        "/msg bob " + "x".repeat(Limits.MAX_TEXT_CODE_POINTS + 1)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("longer than");
        assertThat(parse("x".repeat(Limits.MAX_TEXT_CODE_POINTS))).isInstanceOf(V1Input.Chat.class);
    }

    @Test
    void rejectsUnpairedSurrogatesInText() {
        assertThatThrownBy(() -> V1Input.parse("bad \uD800 text"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("surrogate");
    }

    @Provide
    Arbitrary<String> chatText() {
        return EventArbitraries.text()
                .filter(t -> !t.startsWith("/") && !t.isBlank() && !t.endsWith("\n"));
    }

    @Property(tries = 500)
    void anyNonCommandTextIsChatUnchanged(@ForAll("chatText") String text)
            throws ProtocolException {
        assertThat(V1Input.parse(text)).isEqualTo(new V1Input.Chat(text));
        assertThat(V1Input.parse("//" + text)).isEqualTo(new V1Input.Chat("/" + text));
    }

    @Property(tries = 500)
    void anyLineParsesOrFailsWithProtocolException(@ForAll String line) {
        try {
            V1Input.parse(line);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
