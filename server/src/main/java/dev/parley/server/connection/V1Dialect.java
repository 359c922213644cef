package dev.parley.server.connection;

import dev.parley.server.chat.ChatCommand;
import dev.parley.server.chat.ChatLine;
import dev.parley.server.chat.Router;
import dev.parley.server.chat.ServerEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Protocol v1, the tutorial's: text frames only, base64 Secure Session messages, and inside
 * the session one UTF-8 line per message: chat text, or a {@code /command}. Output lines:
 * {@code <alice> hello} (room {@value Router#DEFAULT_ROOM}), {@code [dev] <alice> hello}
 * (other rooms), {@code *alice* hi} (direct), {@code * bob joined main} (notices).
 */
public final class V1Dialect implements Dialect {
    public static final String HELP = String.join("\n",
            "* commands:",
            "*   /join <room>        join or switch to a room",
            "*   /leave [room]       leave a room (not main)",
            "*   /rooms              list rooms",
            "*   /who [room]         who is in the room",
            "*   /msg <name> <text>  direct message",
            "*   /history [n]        the last n messages of the current room",
            "*   /help               this text");
    private static final int DEFAULT_HISTORY = 20;

    @Override
    public String name() {
        return "v1";
    }

    @Override
    public String helloText(boolean textFrame, byte[] payload) throws InputException {
        if (!textFrame) {
            throw new InputException(CloseReason.BINARY_ON_V1);
        }
        return strictUtf8(payload);
    }

    @Override
    public byte[] sessionMessage(boolean textFrame, byte[] payload) throws InputException {
        if (!textFrame) {
            throw new InputException(CloseReason.BINARY_ON_V1);
        }
        return Base64Frames.decode(new String(payload, StandardCharsets.US_ASCII));
    }

    @Override
    public void send(Transport transport, byte[] sessionMessage) {
        transport.sendText(Base64Frames.encode(sessionMessage));
    }

    @Override
    public Parsed parse(byte[] plaintext) throws InputException {
        String line = strictUtf8(plaintext).strip();
        if (!line.startsWith("/") || line.startsWith("//")) {
            return Parsed.of(new ChatCommand.Say(null, line.startsWith("//") ? line.substring(1) : line, null));
        }
        String[] parts = line.split("\\s+", 3);
        String cmd = parts[0].toLowerCase(java.util.Locale.ROOT);
        String arg = parts.length > 1 ? parts[1] : null;
        switch (cmd) {
            case "/join":
                return arg == null ? usage("/join <room>") : Parsed.of(new ChatCommand.Join(arg));
            case "/leave":
                return Parsed.of(new ChatCommand.Leave(arg));
            case "/rooms":
                return Parsed.of(new ChatCommand.ListRooms());
            case "/who":
                return Parsed.of(new ChatCommand.Who(arg));
            case "/msg":
                return parts.length < 3 ? usage("/msg <name> <text>")
                        : Parsed.of(new ChatCommand.Direct(arg, parts[2], null));
            case "/history":
                return history(arg);
            case "/help":
                return Parsed.reply(new ServerEvent.Notice(HELP));
            default:
                return Parsed.reply(new ServerEvent.Error("unknown_command", "unknown command " + cmd + ", try /help", null));
        }
    }

    private static Parsed history(String arg) {
        int n = DEFAULT_HISTORY;
        if (arg != null) {
            try {
                n = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                return usage("/history [n]");
            }
            if (n < 1) {
                return usage("/history [n]");
            }
        }
        return Parsed.of(new ChatCommand.History(null, n, null));
    }

    private static Parsed usage(String usage) {
        return Parsed.reply(new ServerEvent.Error("usage", "usage: " + usage, null));
    }

    @Override
    public List<byte[]> render(ServerEvent event, String self) {
        List<String> lines = new ArrayList<>();
        if (event instanceof ServerEvent.Welcome w) {
            lines.add("* welcome " + w.name() + "! /help lists commands");
        } else if (event instanceof ServerEvent.RoomMessage m) {
            lines.add(chatLine(m.line()));
        } else if (event instanceof ServerEvent.DirectMessage d) {
            lines.add(d.from().equals(self) && !d.to().equals(self)
                    ? "-> *" + d.to() + "* " + d.text() : "*" + d.from() + "* " + d.text());
        } else if (event instanceof ServerEvent.Joined j) {
            lines.add("* " + j.name() + " joined " + j.room());
        } else if (event instanceof ServerEvent.Left l) {
            lines.add("* " + l.name() + " left " + l.room());
        } else if (event instanceof ServerEvent.Members m) {
            lines.add("* in " + m.room() + ": " + String.join(", ", m.names()));
        } else if (event instanceof ServerEvent.RoomList r) {
            lines.add("* rooms: " + r.rooms().stream().map(i -> i.name() + " (" + i.members() + ")")
                    .collect(Collectors.joining(", ")));
        } else if (event instanceof ServerEvent.History h) {
            if (!h.lines().isEmpty() || !h.replay()) {
                lines.add("* history of " + h.room() + ": " + h.lines().size() + " messages");
                h.lines().forEach(l -> lines.add(chatLine(l)));
            }
        } else if (event instanceof ServerEvent.Notice n) {
            lines.add(n.text());
        } else if (event instanceof ServerEvent.Error e) {
            lines.add("* error: " + e.text());
        }
        // Ack: v1 clients see their own message echoed in the room instead
        List<byte[]> out = new ArrayList<>(lines.size());
        lines.forEach(l -> out.add(l.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    static String chatLine(ChatLine l) {
        String prefix = Router.DEFAULT_ROOM.equals(l.room()) ? "" : "[" + l.room() + "] ";
        return prefix + "<" + l.sender() + "> " + l.text();
    }

    static String strictUtf8(byte[] bytes) throws InputException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(CloseReason.NOT_UTF8);
        }
    }
}
