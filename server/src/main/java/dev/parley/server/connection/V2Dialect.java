package dev.parley.server.connection;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.EventCodec;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.RoomInfo;
import dev.parley.protocol.ServerEvent;
import dev.parley.protocol.ServerLimits;
import dev.parley.server.chat.ChatCommand;
import dev.parley.server.chat.ChatEvent;
import dev.parley.server.chat.ChatLine;
import java.util.List;
import java.util.Optional;

/**
 * Protocol v2 (subprotocol {@code parley.v2}): binary frames only. Frame 1 is the hello, UTF-8
 * {@code <name>:<base64 public key>} exactly as in v1 but in a binary frame; every later frame is
 * one raw Secure Session message whose plaintext is one JSON event ({@link EventCodec}). A
 * malformed event inside an authentic session is answered with an {@code error} event, not a close.
 * Stateless and thread-safe.
 */
public final class V2Dialect implements Dialect {
    /** The WebSocket subprotocol that selects v2. */
    public static final String SUBPROTOCOL = "parley.v2";

    public static final String SERVER_VERSION = "parley/0.1";
    private final EventCodec codec = new EventCodec();
    private final ServerLimits limits;

    /**
     * @param maxTextCodePoints the server's text limit, announced in the welcome
     */
    public V2Dialect(int maxTextCodePoints) {
        this.limits =
                new ServerLimits(
                        Math.min(maxTextCodePoints, Limits.MAX_TEXT_CODE_POINTS),
                        Limits.MAX_HISTORY_LIMIT);
    }

    @Override
    public String name() {
        return "v2";
    }

    @Override
    public String helloText(boolean textFrame, byte[] payload) throws InputException {
        if (textFrame) {
            throw new InputException(CloseReason.TEXT_ON_V2);
        }
        return V1Dialect.strictUtf8(payload);
    }

    @Override
    public byte[] sessionMessage(boolean textFrame, byte[] payload) throws InputException {
        if (textFrame) {
            throw new InputException(CloseReason.TEXT_ON_V2);
        }
        return payload;
    }

    @Override
    public void send(Transport transport, byte[] sessionMessage) {
        transport.sendBinary(sessionMessage);
    }

    @Override
    public Parsed parse(byte[] plaintext) {
        ClientEvent e;
        try {
            e = codec.decodeClientEvent(plaintext);
        } catch (ProtocolException ex) {
            return Parsed.reply(new ChatEvent.Error("bad_request", ex.getMessage(), null));
        }
        if (e instanceof ClientEvent.Send s) {
            return Parsed.of(new ChatCommand.Say(s.room(), s.text(), s.clientMsgId()));
        } else if (e instanceof ClientEvent.Direct d) {
            return Parsed.of(new ChatCommand.Direct(d.to(), d.text(), d.clientMsgId()));
        } else if (e instanceof ClientEvent.Join j) {
            return Parsed.of(new ChatCommand.Join(j.room()));
        } else if (e instanceof ClientEvent.Leave l) {
            return Parsed.of(new ChatCommand.Leave(l.room()));
        } else if (e instanceof ClientEvent.ListRooms) {
            return Parsed.of(new ChatCommand.ListRooms());
        } else if (e instanceof ClientEvent.Who w) {
            return Parsed.of(new ChatCommand.Who(w.room()));
        } else if (e instanceof ClientEvent.History h) {
            Long before = h.beforeId().isPresent() ? h.beforeId().getAsLong() : null;
            return Parsed.of(new ChatCommand.History(h.room(), h.limit(), before));
        }
        return Parsed.reply(new ChatEvent.Pong());
    }

    @Override
    public List<byte[]> render(ChatEvent event, String self) {
        ServerEvent out = toWire(event);
        return out == null ? List.of() : List.of(codec.encode(out));
    }

    private ServerEvent toWire(ChatEvent event) {
        if (event instanceof ChatEvent.Welcome w) {
            return new ServerEvent.Welcome(w.name(), SERVER_VERSION, w.rooms(), limits);
        } else if (event instanceof ChatEvent.RoomMessage m) {
            return message(m.line());
        } else if (event instanceof ChatEvent.DirectMessage d) {
            return new ServerEvent.DirectMessage(
                    0, d.from(), d.to(), d.text(), d.timestamp().toEpochMilli());
        } else if (event instanceof ChatEvent.Joined j) {
            return new ServerEvent.Joined(j.room(), j.name());
        } else if (event instanceof ChatEvent.Left l) {
            return new ServerEvent.Left(l.room(), l.name());
        } else if (event instanceof ChatEvent.Members m) {
            return new ServerEvent.Presence(m.room(), m.names());
        } else if (event instanceof ChatEvent.RoomList r) {
            return new ServerEvent.RoomList(
                    r.rooms().stream().map(i -> new RoomInfo(i.name(), i.members())).toList());
        } else if (event instanceof ChatEvent.History h) {
            return new ServerEvent.HistoryPage(
                    h.room(), h.lines().stream().map(V2Dialect::message).toList(), h.hasMore());
        } else if (event instanceof ChatEvent.Ack a) {
            return new ServerEvent.Ack(a.clientId(), a.messageId(), a.timestamp().toEpochMilli());
        } else if (event instanceof ChatEvent.Error e) {
            return new ServerEvent.Error(
                    e.code(), truncate(e.text()), Optional.ofNullable(e.clientId()));
        } else if (event instanceof ChatEvent.Pong) {
            return new ServerEvent.Pong();
        }
        return null; // Notice: v1 help text only
    }

    private static ServerEvent.Message message(ChatLine l) {
        return new ServerEvent.Message(
                l.id(), l.room(), l.sender(), l.text(), l.timestamp().toEpochMilli());
    }

    private static String truncate(String text) {
        return text.length() <= Limits.MAX_ERROR_TEXT_CODE_POINTS
                ? text
                : text.substring(0, Limits.MAX_ERROR_TEXT_CODE_POINTS);
    }
}
