package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice",
                "Bob",
                "a",
                "x_1",
                "dev-ops",
                "v1.2",
                "Zo\u00eb",
                "\u0416\u0435\u043d\u044f",
                "\u65e5\u672c",
                "\u0939\u093f\u0928\u094d\u0926\u0940",
                "\u0661\u0662",
                "abcdefghijklmnopqrstuvwxyz012345",
                "\uD835\uDC00x"
            })
    void acceptsValidNames(String name) throws ProtocolException {
        Names.validateUserName(name);
        Names.validateRoomName(name);
        assertThat(Names.isValidUserName(name)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "'' => empty",
                "abcdefghijklmnopqrstuvwxyz0123456 => longer than 32",
                "_alice => must start with a letter or digit",
                ".hidden => must start with a letter or digit",
                "-x => must start with a letter or digit",
                "al ice => may contain only",
                "al:ice => may contain only",
                "a@b => may contain only",
                "a|b => may contain only",
                "a/b => may contain only",
                "e\u0301mile => not in Unicode NFC form",
                "emoji\uD83D\uDE00 => may contain only",
                "tab\there => may contain only",
                "zero\u200Bwidth => may contain only",
            })
    void rejectsInvalidNamesWithAReason(String name, String reason) {
        assertThatThrownBy(() -> Names.validateUserName(name))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("user name")
                .hasMessageContaining(reason);
        assertThatThrownBy(() -> Names.validateRoomName(name))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("room name")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsNullControlAndUnpairedSurrogates() {
        assertThat(Names.isValidUserName(null)).isFalse();
        assertThat(Names.isValidUserName("a\u0000")).isFalse();
        assertThat(Names.isValidUserName("a\uD800")).isFalse();
        assertThat(Names.isValidUserName("\uDC00a")).isFalse();
        assertThat(Names.isValidUserName("nbsp\u00a0")).isFalse();
        assertThat(Names.isValidUserName("x\n")).isFalse();
    }

    @Test
    void countsCodePointsNotChars() {
        String astral =
                "\uD835\uDC00".repeat(32); // 32 mathematical bold A: letters outside the BMP
        assertThat(Names.isValidUserName(astral)).isTrue();
        assertThat(Names.isValidUserName(astral + "a")).isFalse();
    }

    @Test
    void normalizeProducesTheAcceptedForm() {
        assertThat(Names.normalize("e\u0301mile")).isEqualTo("\u00e9mile");
        assertThat(Names.isValidUserName(Names.normalize("e\u0301mile"))).isTrue();
    }
}
