package dev.parley.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** The command half of {@link V1Input#parse}. */
final class V1Commands {
    private V1Commands() {}

    static V1Input parse(String line) throws ProtocolException {
        int space = line.indexOf(' ');
        String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : line.substring(space + 1);
        switch (word) {
            case "/join":
                {
                    String room = single(rest, "usage: /join <room>");
                    if (room == null) {
                        throw new ProtocolException("usage: /join <room>");
                    }
                    return new V1Input.Join(room(room));
                }
            case "/leave":
                {
                    String room = single(rest, "usage: /leave [room]");
                    return new V1Input.Leave(
                            room == null ? Optional.empty() : Optional.of(room(room)));
                }
            case "/rooms":
                none(rest, "usage: /rooms");
                return new V1Input.ListRooms();
            case "/who":
                {
                    String room = single(rest, "usage: /who [room]");
                    return new V1Input.Who(
                            room == null ? Optional.empty() : Optional.of(room(room)));
                }
            case "/msg":
                {
                    String args = stripLeadingSpaces(rest);
                    int gap = args.indexOf(' ');
                    if (gap <= 0) {
                        throw new ProtocolException("usage: /msg <name> <text>");
                    }
                    String to = Names.normalize(args.substring(0, gap));
                    Names.validateUserName(to);
                    String text = args.substring(gap + 1);
                    if (text.isBlank()) {
                        throw new ProtocolException("usage: /msg <name> <text>");
                    }
                    return checked(() -> new V1Input.Msg(to, text));
                }
            case "/history":
                {
                    String n = single(rest, "usage: /history [n]");
                    if (n == null) {
                        return new V1Input.History(OptionalInt.empty());
                    }
                    return new V1Input.History(OptionalInt.of(count(n)));
                }
            case "/help":
                return new V1Input.Help();
            default:
                throw new ProtocolException("unknown command; type /help for the list");
        }
    }

    /** Runs a constructor, turning its validation failure into a ProtocolException. */
    static V1Input checked(Supplier<V1Input> constructor) throws ProtocolException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
        }
    }

    private static String room(String arg) throws ProtocolException {
        String room = Names.normalize(arg);
        Names.validateRoomName(room);
        return room;
    }

    private static int count(String arg) throws ProtocolException {
        if (arg.isEmpty() || arg.length() > 4) {
            throw new ProtocolException(
                    "usage: /history [n] with n from 1 to " + Limits.MAX_HISTORY_LIMIT);
        }
        for (int i = 0; i < arg.length(); i++) {
            if (arg.charAt(i) < '0' || arg.charAt(i) > '9') {
                throw new ProtocolException(
                        "usage: /history [n] with n from 1 to " + Limits.MAX_HISTORY_LIMIT);
            }
        }
        int n = Integer.parseInt(arg);
        if (n < 1 || n > Limits.MAX_HISTORY_LIMIT) {
            throw new ProtocolException(
                    "usage: /history [n] with n from 1 to " + Limits.MAX_HISTORY_LIMIT);
        }
        return n;
    }

    /** The only argument, null if there is none; more than one is an error. */
    private static String single(String rest, String usage) throws ProtocolException {
        String arg = rest.strip();
        if (arg.isEmpty()) {
            return null;
        }
        for (int i = 0; i < arg.length(); i++) {
            if (Character.isWhitespace(arg.charAt(i))) {
                throw new ProtocolException(usage);
            }
        }
        return arg;
    }

    private static void none(String rest, String usage) throws ProtocolException {
        if (!rest.isBlank()) {
            throw new ProtocolException(usage);
        }
    }

    private static String stripLeadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }
}
