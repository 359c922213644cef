package dev.parley.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line a v1 client sent after the handshake: chat text for its current room, or a command.
 * Parse with {@link #parse(String)}.
 *
 * <p>Commands ({@code /name} is matched case-insensitively; arguments are separated by spaces):
 *
 * <pre>
 * /join &lt;room&gt;        join a room and make it current
 * /leave [room]        leave a room (default: the current one)
 * /rooms               list rooms
 * /who [room]          list members (default: the current room)
 * /msg &lt;name&gt; &lt;text&gt;  direct message
 * /history [n]         the last n (default: server's choice) messages of the current room
 * /help                the command list
 * </pre>
 *
 * A line starting with {@code //} is chat text starting with a single {@code /}. One trailing
 * {@code \n} or {@code \r\n} is ignored. Room and user name arguments are NFC-normalised and then
 * validated with {@link Names}.
 */
public sealed interface V1Input {

    /** Chat text for the current room. */
    record Chat(String text) implements V1Input {
        public Chat {
            Fields.text(text, "text", 1, Limits.MAX_TEXT_CODE_POINTS);
        }
    }

    record Join(String room) implements V1Input {
        public Join {
            Fields.roomName(room, "room");
        }
    }

    record Leave(Optional<String> room) implements V1Input {
        public Leave {
            Objects.requireNonNull(room, "room").ifPresent(r -> Fields.roomName(r, "room"));
        }
    }

    record ListRooms() implements V1Input {}

    record Who(Optional<String> room) implements V1Input {
        public Who {
            Objects.requireNonNull(room, "room").ifPresent(r -> Fields.roomName(r, "room"));
        }
    }

    record Msg(String to, String text) implements V1Input {
        public Msg {
            Fields.userName(to, "to");
            Fields.text(text, "text", 1, Limits.MAX_TEXT_CODE_POINTS);
        }
    }

    record History(OptionalInt count) implements V1Input {
        public History {
            Objects.requireNonNull(count, "count");
            if (count.isPresent()) {
                Fields.inRange(count.getAsInt(), 1, Limits.MAX_HISTORY_LIMIT, "count");
            }
        }
    }

    record Help() implements V1Input {}

    /**
     * Parses one v1 line.
     *
     * @throws ProtocolException with a human reason (to show the user, e.g. as an {@link
     *     V1Output#error} line) for an empty line, an unknown command, wrong arguments or overlong
     *     text
     */
    static V1Input parse(String line) throws ProtocolException {
        Objects.requireNonNull(line, "line");
        if (line.endsWith("\r\n")) {
            line = line.substring(0, line.length() - 2);
        } else if (line.endsWith("\n")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.startsWith("/") && !line.startsWith("//")) {
            return V1Commands.parse(line);
        }
        String text = line.startsWith("//") ? line.substring(1) : line;
        if (text.isBlank()) {
            throw new ProtocolException("empty message");
        }
        return V1Commands.checked(() -> new Chat(text));
    }
}
