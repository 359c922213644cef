package dev.parley.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How the terminal client shows chat lines: {@code 14:03 [room] <name> text}. Styles (colours) are
 * dropped by terminals that have none and by the plain (piped) screen. Text from the network is
 * stripped of control characters, so nobody can move the cursor or recolour the screen.
 */
final class ChatFormat {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final int[] NAME_COLOURS = {
        AttributedStyle.CYAN,
        AttributedStyle.GREEN,
        AttributedStyle.YELLOW,
        AttributedStyle.MAGENTA,
        AttributedStyle.BLUE,
        AttributedStyle.RED
    };

    private ChatFormat() {}

    static AttributedString message(long ts, String room, String from, String text) {
        return new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.faint())
                .append(TIME.format(Instant.ofEpochMilli(ts)))
                .append(" [")
                .append(clean(room))
                .append("] ")
                .style(nameStyle(from))
                .append("<")
                .append(clean(from))
                .append(">")
                .style(AttributedStyle.DEFAULT)
                .append(" ")
                .append(clean(text))
                .toAttributedString();
    }

    static AttributedString direct(long ts, String from, String to, String text) {
        return new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.faint())
                .append(TIME.format(Instant.ofEpochMilli(ts)))
                .append(" ")
                .style(AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA).bold())
                .append("[")
                .append(clean(from))
                .append(" -> ")
                .append(clean(to))
                .append("]")
                .style(AttributedStyle.DEFAULT)
                .append(" ")
                .append(clean(text))
                .toAttributedString();
    }

    static AttributedString notice(String text) {
        return new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.faint())
                .append("* ")
                .append(clean(text))
                .toAttributedString();
    }

    static AttributedString error(String text) {
        return new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
                .append("! ")
                .append(clean(text))
                .toAttributedString();
    }

    /** A line of {@code parley history}: with the date. */
    static String historyLine(long ts, String from, String to, boolean direct, String text) {
        String when = DATE_TIME.format(Instant.ofEpochMilli(ts));
        return direct
                ? when + " [" + clean(from) + " -> " + clean(to) + "] " + clean(text)
                : when + " <" + clean(from) + "> " + clean(text);
    }

    private static AttributedStyle nameStyle(String name) {
        return AttributedStyle.DEFAULT
                .bold()
                .foreground(NAME_COLOURS[Math.floorMod(name.hashCode(), NAME_COLOURS.length)]);
    }

    /** Replaces control characters (ESC, CR, BEL, ...) with U+FFFD; keeps tabs as spaces. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints()
                .forEach(
                        cp -> {
                            if (cp == '\t') {
                                sb.append(' ');
                            } else if (Character.isISOControl(cp)
                                    || cp == 0x2028
                                    || cp == 0x2029
                                    || (cp >= 0x202A && cp <= 0x202E)
                                    || (cp >= 0x2066 && cp <= 0x2069)) {
                                sb.append('\uFFFD');
                            } else {
                                sb.appendCodePoint(cp);
                            }
                        });
        return sb.toString();
    }
}
