package dev.parley.protocol;

import java.util.Objects;
import java.util.OptionalLong;

/** Events a client sends to the server. See {@code docs/protocol.md} for the JSON of each. */
public sealed interface ClientEvent extends Event {

    /**
     * Post {@code text} to {@code room}; the server answers with an {@code ack} or an {@code
     * error}.
     */
    record Send(String clientMsgId, String room, String text) implements ClientEvent {
        public static final String TYPE = "send";

        public Send {
            Fields.clientMsgId(clientMsgId, "clientMsgId");
            Fields.roomName(room, "room");
            Fields.text(text, "text", 1, Limits.MAX_TEXT_CODE_POINTS);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Send {@code text} privately to user {@code to}; answered with {@code ack} or {@code error}.
     */
    record Direct(String clientMsgId, String to, String text) implements ClientEvent {
        public static final String TYPE = "direct";

        public Direct {
            Fields.clientMsgId(clientMsgId, "clientMsgId");
            Fields.userName(to, "to");
            Fields.text(text, "text", 1, Limits.MAX_TEXT_CODE_POINTS);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Join (and create if needed) {@code room}. */
    record Join(String room) implements ClientEvent {
        public static final String TYPE = "join";

        public Join {
            Fields.roomName(room, "room");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Leave {@code room}. */
    record Leave(String room) implements ClientEvent {
        public static final String TYPE = "leave";

        public Leave {
            Fields.roomName(room, "room");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Ask for the list of rooms; answered with {@code room_list}. */
    record ListRooms() implements ClientEvent {
        public static final String TYPE = "rooms";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Ask who is in {@code room}; answered with {@code presence}. */
    record Who(String room) implements ClientEvent {
        public static final String TYPE = "who";

        public Who {
            Fields.roomName(room, "room");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Ask for up to {@code limit} messages of {@code room} older than {@code beforeId} (or the
     * latest ones when absent); answered with {@code history_page}.
     */
    record History(String room, OptionalLong beforeId, int limit) implements ClientEvent {
        public static final String TYPE = "history";

        public History {
            Fields.roomName(room, "room");
            Objects.requireNonNull(beforeId, "beforeId");
            if (beforeId.isPresent()) {
                Fields.nonNegative(beforeId.getAsLong(), "beforeId");
            }
            Fields.inRange(limit, 1, Limits.MAX_HISTORY_LIMIT, "limit");
        }

        /** The latest {@code limit} messages. */
        public History(String room, int limit) {
            this(room, OptionalLong.empty(), limit);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Keep-alive; answered with {@code pong}. */
    record Ping() implements ClientEvent {
        public static final String TYPE = "ping";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
