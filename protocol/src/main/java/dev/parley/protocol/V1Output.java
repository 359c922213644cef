package dev.parley.protocol;

import java.util.List;
import java.util.StringJoiner;

/**
 * Formats the lines a server sends to v1 clients (each line is one Secure Session message).
 *
 * <pre>
 * &lt;alice&gt; hello               chat in the reader's current room
 * [dev] &lt;alice&gt; hello         chat in another room the reader is in
 * [dm] &lt;alice&gt; hi             direct message received
 * [dm to bob] hi              direct message sent (echo to the sender)
 * * bob joined main           notices start with "* "
 * * bob left main
 * * main: alice, bob          members of a room
 * * rooms: dev (1), main (2)  room list
 * ! unknown room              errors start with "! "
 * </pre>
 *
 * User-supplied text is made single-line and harmless for terminals: every control character
 * (including CR, LF, ESC), Unicode line separator, bidi override and unpaired surrogate becomes
 * U+FFFD, so a message can never forge a second line such as a fake notice. Stateless and
 * thread-safe.
 */
public final class V1Output {
    private V1Output() {}

    /**
     * A room chat line; qualified with {@code [room]} unless {@code room} is the reader's current
     * room.
     */
    public static String chat(String room, String currentRoom, String from, String text) {
        String line = "<" + from + "> " + sanitize(text);
        return room.equals(currentRoom) ? line : "[" + room + "] " + line;
    }

    /** A direct message received from {@code from}. */
    public static String directReceived(String from, String text) {
        return "[dm] <" + from + "> " + sanitize(text);
    }

    /** The sender's own copy of a direct message to {@code to}. */
    public static String directSent(String to, String text) {
        return "[dm to " + to + "] " + sanitize(text);
    }

    public static String joined(String name, String room) {
        return "* " + name + " joined " + room;
    }

    public static String left(String name, String room) {
        return "* " + name + " left " + room;
    }

    /** The members of {@code room}. */
    public static String presence(String room, List<String> members) {
        return "* " + room + ": " + String.join(", ", members);
    }

    /** The room list, e.g. {@code * rooms: dev (1), main (2)}. */
    public static String roomList(List<RoomInfo> rooms) {
        if (rooms.isEmpty()) {
            return "* rooms: none";
        }
        StringJoiner joiner = new StringJoiner(", ", "* rooms: ", "");
        for (RoomInfo r : rooms) {
            joiner.add(r.room() + " (" + r.members() + ")");
        }
        return joiner.toString();
    }

    /** Any other notice, e.g. {@code * welcome alice, you are in main}. */
    public static String notice(String text) {
        return "* " + sanitize(text);
    }

    /** An error line, e.g. {@code ! unknown room}. */
    public static String error(String reason) {
        return "! " + sanitize(reason);
    }

    /** The command list, one line per command (a single message with line breaks). */
    public static String help() {
        return String.join(
                "\n",
                "* commands:",
                "*   /join <room>        join a room and make it current",
                "*   /leave [room]       leave a room (default: current)",
                "*   /rooms              list rooms",
                "*   /who [room]         list members (default: current room)",
                "*   /msg <name> <text>  direct message",
                "*   /history [n]        last n messages of the current room",
                "*   /help               this list",
                "*   //text              send text starting with /");
    }

    /** Unicode line separators and bidi overrides/isolates, which can fake or reorder lines. */
    private static boolean isLineOrBidiControl(char c) {
        return c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** Replaces control characters and unpaired surrogates with U+FFFD. */
    static String sanitize(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            bad = Character.isISOControl(c) || Character.isSurrogate(c) || isLineOrBidiControl(c);
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
