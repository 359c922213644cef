package dev.parley.server.connection;

import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.RoomInfo;
import dev.parley.protocol.V1Input;
import dev.parley.protocol.V1Output;
import dev.parley.server.chat.ChatCommand;
import dev.parley.server.chat.ChatEvent;
import dev.parley.server.chat.ChatLine;
import dev.parley.server.chat.Router;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Protocol v1, the tutorial's: text frames only, base64 Secure Session messages, and inside the
 * session one UTF-8 line per message ({@link V1Input} in, {@link V1Output} out).
 *
 * <p>One instance per connection: it remembers the member's current room (from its own join/leave
 * events) so chat in that room shows without a {@code [room]} prefix. Used on the connection's
 * executor only.
 */
public final class V1Dialect implements Dialect {
    /** Messages {@code /history} shows when no count is given. */
    public static final int DEFAULT_HISTORY = 20;

    private String currentRoom = Router.DEFAULT_ROOM;

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
        V1Input input;
        try {
            input = V1Input.parse(strictUtf8(plaintext));
        } catch (ProtocolException e) {
            return Parsed.reply(new ChatEvent.Error("bad_request", e.getMessage(), null));
        }
        if (input instanceof V1Input.Chat c) {
            return Parsed.of(new ChatCommand.Say(null, c.text(), null));
        } else if (input instanceof V1Input.Join j) {
            return Parsed.of(new ChatCommand.Join(j.room()));
        } else if (input instanceof V1Input.Leave l) {
            return Parsed.of(new ChatCommand.Leave(l.room().orElse(null)));
        } else if (input instanceof V1Input.ListRooms) {
            return Parsed.of(new ChatCommand.ListRooms());
        } else if (input instanceof V1Input.Who w) {
            return Parsed.of(new ChatCommand.Who(w.room().orElse(null)));
        } else if (input instanceof V1Input.Msg m) {
            return Parsed.of(new ChatCommand.Direct(m.to(), m.text(), null));
        } else if (input instanceof V1Input.History h) {
            return Parsed.of(
                    new ChatCommand.History(null, h.count().orElse(DEFAULT_HISTORY), null));
        }
        return Parsed.reply(new ChatEvent.Notice(V1Output.help()));
    }

    @Override
    public List<byte[]> render(ChatEvent event, String self) {
        List<String> lines = new ArrayList<>();
        if (event instanceof ChatEvent.Welcome w) {
            lines.add(V1Output.notice("welcome " + w.name() + "! /help lists the commands"));
        } else if (event instanceof ChatEvent.RoomMessage m) {
            lines.add(chat(m.line()));
        } else if (event instanceof ChatEvent.DirectMessage d) {
            lines.add(
                    d.from().equals(self) && !d.to().equals(self)
                            ? V1Output.directSent(d.to(), d.text())
                            : V1Output.directReceived(d.from(), d.text()));
        } else if (event instanceof ChatEvent.Joined j) {
            if (j.name().equals(self)) {
                currentRoom = j.room();
            }
            lines.add(V1Output.joined(j.name(), j.room()));
        } else if (event instanceof ChatEvent.Left l) {
            if (l.name().equals(self) && l.room().equals(currentRoom)) {
                currentRoom = Router.DEFAULT_ROOM;
            }
            lines.add(V1Output.left(l.name(), l.room()));
        } else if (event instanceof ChatEvent.Members m) {
            lines.add(V1Output.presence(m.room(), m.names()));
        } else if (event instanceof ChatEvent.RoomList r) {
            lines.add(
                    V1Output.roomList(
                            r.rooms().stream()
                                    .map(i -> new RoomInfo(i.name(), i.members()))
                                    .toList()));
        } else if (event instanceof ChatEvent.History h) {
            if (!h.lines().isEmpty() || !h.replay()) {
                lines.add(
                        V1Output.notice(
                                "history of " + h.room() + ": " + h.lines().size() + " messages"));
                h.lines().forEach(l -> lines.add(chat(l)));
            }
        } else if (event instanceof ChatEvent.Notice n) {
            lines.add(n.text());
        } else if (event instanceof ChatEvent.Error e) {
            lines.add(V1Output.error(e.text()));
        }
        // Ack: a v1 client sees its own message echoed in the room instead
        List<byte[]> out = new ArrayList<>(lines.size());
        lines.forEach(l -> out.add(l.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private String chat(ChatLine l) {
        return V1Output.chat(l.room(), currentRoom, l.sender(), l.text());
    }

    static String strictUtf8(byte[] bytes) throws InputException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException(CloseReason.NOT_UTF8);
        }
    }
}
