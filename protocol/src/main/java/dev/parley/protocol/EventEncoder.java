package dev.parley.protocol;

import dev.parley.protocol.internal.json.JsonWriter;
import java.util.List;

/** Event to JSON, one branch per type; the member names are the protocol's (docs/protocol.md). */
final class EventEncoder {
    private EventEncoder() {}

    static byte[] encode(Event event) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("type").value(event.type());
        if (event instanceof ClientEvent) {
            client((ClientEvent) event, w);
        } else {
            server((ServerEvent) event, w);
        }
        return w.endObject().toUtf8();
    }

    private static void client(ClientEvent event, JsonWriter w) {
        if (event instanceof ClientEvent.Send) {
            ClientEvent.Send e = (ClientEvent.Send) event;
            w.name("clientMsgId")
                    .value(e.clientMsgId())
                    .name("room")
                    .value(e.room())
                    .name("text")
                    .value(e.text());
        } else if (event instanceof ClientEvent.Direct) {
            ClientEvent.Direct e = (ClientEvent.Direct) event;
            w.name("clientMsgId")
                    .value(e.clientMsgId())
                    .name("to")
                    .value(e.to())
                    .name("text")
                    .value(e.text());
        } else if (event instanceof ClientEvent.Join) {
            w.name("room").value(((ClientEvent.Join) event).room());
        } else if (event instanceof ClientEvent.Leave) {
            w.name("room").value(((ClientEvent.Leave) event).room());
        } else if (event instanceof ClientEvent.Who) {
            w.name("room").value(((ClientEvent.Who) event).room());
        } else if (event instanceof ClientEvent.History) {
            ClientEvent.History e = (ClientEvent.History) event;
            w.name("room").value(e.room());
            if (e.beforeId().isPresent()) {
                w.name("beforeId").value(e.beforeId().getAsLong());
            }
            w.name("limit").value(e.limit());
        } else if (!(event instanceof ClientEvent.ListRooms || event instanceof ClientEvent.Ping)) {
            throw new AssertionError("unhandled event type " + event.type());
        }
    }

    private static void server(ServerEvent event, JsonWriter w) {
        if (event instanceof ServerEvent.Welcome) {
            ServerEvent.Welcome e = (ServerEvent.Welcome) event;
            w.name("name").value(e.name()).name("serverVersion").value(e.serverVersion());
            strings(w.name("rooms"), e.rooms());
            w.name("limits")
                    .beginObject()
                    .name("maxTextLength")
                    .value(e.limits().maxTextLength())
                    .name("maxHistoryLimit")
                    .value(e.limits().maxHistoryLimit())
                    .endObject();
        } else if (event instanceof ServerEvent.Message) {
            ServerEvent.Message e = (ServerEvent.Message) event;
            w.name("id")
                    .value(e.id())
                    .name("room")
                    .value(e.room())
                    .name("from")
                    .value(e.from())
                    .name("text")
                    .value(e.text())
                    .name("ts")
                    .value(e.ts());
        } else if (event instanceof ServerEvent.DirectMessage) {
            ServerEvent.DirectMessage e = (ServerEvent.DirectMessage) event;
            w.name("id")
                    .value(e.id())
                    .name("from")
                    .value(e.from())
                    .name("to")
                    .value(e.to())
                    .name("text")
                    .value(e.text())
                    .name("ts")
                    .value(e.ts());
        } else if (event instanceof ServerEvent.Joined) {
            ServerEvent.Joined e = (ServerEvent.Joined) event;
            w.name("room").value(e.room()).name("name").value(e.name());
        } else if (event instanceof ServerEvent.Left) {
            ServerEvent.Left e = (ServerEvent.Left) event;
            w.name("room").value(e.room()).name("name").value(e.name());
        } else if (event instanceof ServerEvent.Presence) {
            ServerEvent.Presence e = (ServerEvent.Presence) event;
            w.name("room").value(e.room());
            strings(w.name("members"), e.members());
        } else if (event instanceof ServerEvent.HistoryPage) {
            historyPage((ServerEvent.HistoryPage) event, w);
        } else if (event instanceof ServerEvent.Ack) {
            ServerEvent.Ack e = (ServerEvent.Ack) event;
            w.name("clientMsgId")
                    .value(e.clientMsgId())
                    .name("id")
                    .value(e.id())
                    .name("ts")
                    .value(e.ts());
        } else if (event instanceof ServerEvent.Error) {
            ServerEvent.Error e = (ServerEvent.Error) event;
            w.name("code").value(e.code()).name("message").value(e.message());
            e.clientMsgId().ifPresent(id -> w.name("clientMsgId").value(id));
        } else if (event instanceof ServerEvent.RoomList) {
            w.name("rooms").beginArray();
            for (RoomInfo r : ((ServerEvent.RoomList) event).rooms()) {
                w.beginObject()
                        .name("room")
                        .value(r.room())
                        .name("members")
                        .value(r.members())
                        .endObject();
            }
            w.endArray();
        } else if (!(event instanceof ServerEvent.Pong)) {
            throw new AssertionError("unhandled event type " + event.type());
        }
    }

    /** Page messages omit "room": it is the page's. */
    private static void historyPage(ServerEvent.HistoryPage e, JsonWriter w) {
        w.name("room").value(e.room()).name("messages").beginArray();
        for (ServerEvent.Message m : e.messages()) {
            w.beginObject()
                    .name("id")
                    .value(m.id())
                    .name("from")
                    .value(m.from())
                    .name("text")
                    .value(m.text())
                    .name("ts")
                    .value(m.ts())
                    .endObject();
        }
        w.endArray().name("hasMore").value(e.hasMore());
    }

    private static void strings(JsonWriter w, List<String> values) {
        w.beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }
}
