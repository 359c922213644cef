package dev.parley.protocol;

import dev.parley.protocol.internal.json.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON to Event, one branch per type. Record constructors validate the values and throw
 * IllegalArgumentException, which {@link EventCodec} turns into ProtocolException.
 */
final class EventDecoder {
    private EventDecoder() {}

    static Event decode(JsonFields f) throws ProtocolException {
        String type = f.string("type");
        switch (type) {
            case ClientEvent.Send.TYPE:
                return new ClientEvent.Send(
                        f.string("clientMsgId"), f.string("room"), f.string("text"));
            case ClientEvent.Direct.TYPE:
                return new ClientEvent.Direct(
                        f.string("clientMsgId"), f.string("to"), f.string("text"));
            case ClientEvent.Join.TYPE:
                return new ClientEvent.Join(f.string("room"));
            case ClientEvent.Leave.TYPE:
                return new ClientEvent.Leave(f.string("room"));
            case ClientEvent.ListRooms.TYPE:
                return new ClientEvent.ListRooms();
            case ClientEvent.Who.TYPE:
                return new ClientEvent.Who(f.string("room"));
            case ClientEvent.History.TYPE:
                return new ClientEvent.History(
                        f.string("room"), f.optionalLong("beforeId"), f.intValue("limit"));
            case ClientEvent.Ping.TYPE:
                return new ClientEvent.Ping();
            case ServerEvent.Welcome.TYPE:
                {
                    JsonFields limits = f.object("limits");
                    return new ServerEvent.Welcome(
                            f.string("name"),
                            f.string("serverVersion"),
                            f.stringArray("rooms"),
                            new ServerLimits(
                                    limits.intValue("maxTextLength"),
                                    limits.intValue("maxHistoryLimit")));
                }
            case ServerEvent.Message.TYPE:
                return new ServerEvent.Message(
                        f.longValue("id"),
                        f.string("room"),
                        f.string("from"),
                        f.string("text"),
                        f.longValue("ts"));
            case ServerEvent.DirectMessage.TYPE:
                return new ServerEvent.DirectMessage(
                        f.longValue("id"),
                        f.string("from"),
                        f.string("to"),
                        f.string("text"),
                        f.longValue("ts"));
            case ServerEvent.Joined.TYPE:
                return new ServerEvent.Joined(f.string("room"), f.string("name"));
            case ServerEvent.Left.TYPE:
                return new ServerEvent.Left(f.string("room"), f.string("name"));
            case ServerEvent.Presence.TYPE:
                return new ServerEvent.Presence(f.string("room"), f.stringArray("members"));
            case ServerEvent.HistoryPage.TYPE:
                return historyPage(f);
            case ServerEvent.Ack.TYPE:
                return new ServerEvent.Ack(
                        f.string("clientMsgId"), f.longValue("id"), f.longValue("ts"));
            case ServerEvent.Error.TYPE:
                return new ServerEvent.Error(
                        f.string("code"), f.string("message"), f.optionalString("clientMsgId"));
            case ServerEvent.RoomList.TYPE:
                {
                    List<Object> items = f.array("rooms");
                    List<RoomInfo> rooms = new ArrayList<>(items.size());
                    for (Object item : items) {
                        JsonFields r = JsonFields.of(item, "rooms entry");
                        rooms.add(new RoomInfo(r.string("room"), r.intValue("members")));
                    }
                    return new ServerEvent.RoomList(rooms);
                }
            case ServerEvent.Pong.TYPE:
                return new ServerEvent.Pong();
            default:
                throw new ProtocolException("unknown event type");
        }
    }

    private static ServerEvent.HistoryPage historyPage(JsonFields f) throws ProtocolException {
        String room = f.string("room");
        List<Object> items = f.array("messages");
        List<ServerEvent.Message> messages = new ArrayList<>(items.size());
        for (Object item : items) {
            JsonFields m = JsonFields.of(item, "messages entry");
            messages.add(
                    new ServerEvent.Message(
                            m.longValue("id"),
                            room,
                            m.string("from"),
                            m.string("text"),
                            m.longValue("ts")));
        }
        return new ServerEvent.HistoryPage(room, messages, f.bool("hasMore"));
    }
}
