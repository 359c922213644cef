package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class V1OutputTest {
    @Test
    void chatLineIsRoomQualifiedOnlyOutsideTheCurrentRoom() {
        assertThat(V1Output.chat("main", "main", "alice", "hello")).isEqualTo("<alice> hello");
        assertThat(V1Output.chat("dev", "main", "alice", "hello")).isEqualTo("[dev] <alice> hello");
    }

    @Test
    void directMessageLines() {
        assertThat(V1Output.directReceived("alice", "hi")).isEqualTo("[dm] <alice> hi");
        assertThat(V1Output.directSent("bob", "hi")).isEqualTo("[dm to bob] hi");
    }

    @Test
    void noticesAndErrors() {
        assertThat(V1Output.joined("bob", "main")).isEqualTo("* bob joined main");
        assertThat(V1Output.left("bob", "main")).isEqualTo("* bob left main");
        assertThat(V1Output.presence("main", List.of("alice", "bob")))
                .isEqualTo("* main: alice, bob");
        assertThat(V1Output.roomList(List.of(new RoomInfo("dev", 1), new RoomInfo("main", 2))))
                .isEqualTo("* rooms: dev (1), main (2)");
        assertThat(V1Output.roomList(List.of())).isEqualTo("* rooms: none");
        assertThat(V1Output.notice("welcome")).isEqualTo("* welcome");
        assertThat(V1Output.error("unknown room")).isEqualTo("! unknown room");
    }

    @Test
    void textCannotForgeExtraLinesOrTerminalEscapes() {
        String forged =
                V1Output.chat(
                        "main", "main", "mallory", "hi\n* bob left main\r\u001b[2J\u2028\u202e");
        assertThat(forged)
                .isEqualTo("<mallory> hi\uFFFD* bob left main\uFFFD\uFFFD[2J\uFFFD\uFFFD");
        assertThat(forged).doesNotContain("\n", "\r", "\u001b");
        assertThat(V1Output.directReceived("a", "x\u0085y\uD800"))
                .isEqualTo("[dm] <a> x\uFFFDy\uFFFD");
        assertThat(V1Output.error("bad\nline")).isEqualTo("! bad\uFFFDline");
    }

    @Test
    void emojiAndJoinersArePreserved() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 ok";
        assertThat(V1Output.chat("main", "main", "a", family)).isEqualTo("<a> " + family);
    }

    @Test
    void helpListsEveryCommand() {
        String help = V1Output.help();
        for (String command :
                new String[] {
                    "/join", "/leave", "/rooms", "/who", "/msg", "/history", "/help", "//"
                }) {
            assertThat(help).contains(command);
        }
        for (String line : help.split("\n")) {
            assertThat(line).startsWith("* ");
        }
    }

    @Property(tries = 1000)
    void formattedLinesNeverContainControlsOrUnpairedSurrogates(@ForAll String text) {
        String line = V1Output.chat("dev", "main", "alice", text);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            assertThat(Character.isISOControl(c)).as("control at %d", i).isFalse();
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1)))
                        .isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).isFalse();
            }
        }
    }
}
