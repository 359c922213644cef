package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatFormatTest {
    @Test
    void controlCharactersFromTheNetworkCannotReachTheTerminal() {
        String hostile = "hi\u001b[2J\u001b]0;pwned\u0007\r\nfake line\u202Eevil";
        String shown = ChatFormat.message(0, "main", "eve", hostile).toString();
        assertThat(shown).doesNotContain("\u001b", "\u0007", "\r", "\n", "\u202E");
        assertThat(shown).contains("<eve> hi\uFFFD[2J");
    }

    @Test
    void messageLineShowsTimeRoomAndName() {
        String shown = ChatFormat.message(0, "dev", "bob", "hello").toString();
        assertThat(shown).matches("\\d\\d:\\d\\d \\[dev\\] <bob> hello");
        assertThat(ChatFormat.direct(0, "a", "b", "x").toString()).endsWith("[a -> b] x");
    }
}
