package dev.parley.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Events the server sends to a client. See {@code docs/protocol.md} for the JSON of each. */
public sealed interface ServerEvent extends Event {

    /** First event after the handshake: who you are, what the server is, where you are. */
    record Welcome(String name, String serverVersion, List<String> rooms, ServerLimits limits)
            implements ServerEvent {
        public static final String TYPE = "welcome";

        public Welcome {
            Fields.userName(name, "name");
            Fields.text(serverVersion, "serverVersion", 1, Limits.MAX_SERVER_VERSION_CODE_POINTS);
            rooms = Fields.roomNames(rooms, "rooms");
            Objects.requireNonNull(limits, "limits");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A room message. {@code id} increases strictly within a room; {@code ts} is Unix millis. */
    record Message(long id, String room, String from, String text, long ts) implements ServerEvent {
        public static final String TYPE = "message";

        public Message {
            Fields.nonNegative(id, "id");
            Fields.roomName(room, "room");
            Fields.userName(from, "from");
            Fields.text(text, "text", 1, Limits.MAX_TEXT_CODE_POINTS);
            Fields.nonNegative(ts, "ts");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A direct message, delivered to the recipient and echoed to the sender's other sessions. */
    record DirectMessage(long id, String from, String to, String text, long ts)
            implements ServerEvent {
        public static final String TYPE = "direct_message";

        public DirectMessage {
            Fields.nonNegative(id, "id");
            Fields.userName(from, "from");
            Fields.userName(to, "to");
            Fields.text(text, "text", 1, Limits.MAX_TEXT_CODE_POINTS);
            Fields.nonNegative(ts, "ts");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code name} joined {@code room} (also sent to the joiner itself as confirmation). */
    record Joined(String room, String name) implements ServerEvent {
        public static final String TYPE = "joined";

        public Joined {
            Fields.roomName(room, "room");
            Fields.userName(name, "name");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** {@code name} left {@code room} (also sent to the leaver itself as confirmation). */
    record Left(String room, String name) implements ServerEvent {
        public static final String TYPE = "left";

        public Left {
            Fields.roomName(room, "room");
            Fields.userName(name, "name");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The members of {@code room} now. */
    record Presence(String room, List<String> members) implements ServerEvent {
        public static final String TYPE = "presence";

        public Presence {
            Fields.roomName(room, "room");
            members = Fields.userNames(members, "members");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Messages of {@code room}, oldest first, each with {@code room} equal to this page's room;
     * {@code hasMore} says whether older messages exist.
     */
    record HistoryPage(String room, List<Message> messages, boolean hasMore)
            implements ServerEvent {
        public static final String TYPE = "history_page";

        public HistoryPage {
            Fields.roomName(room, "room");
            messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
            for (Message m : messages) {
                if (!m.room().equals(room)) {
                    throw new IllegalArgumentException(
                            "messages must all belong to the page's room");
                }
            }
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The server accepted the event with {@code clientMsgId} and stored it as {@code id}. */
    record Ack(String clientMsgId, long id, long ts) implements ServerEvent {
        public static final String TYPE = "ack";

        public Ack {
            Fields.clientMsgId(clientMsgId, "clientMsgId");
            Fields.nonNegative(id, "id");
            Fields.nonNegative(ts, "ts");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * The server refused something. {@code code} is one of {@link ErrorCodes} (or a newer one),
     * {@code message} a human explanation, {@code clientMsgId} the refused event if it had one.
     */
    record Error(String code, String message, Optional<String> clientMsgId) implements ServerEvent {
        public static final String TYPE = "error";

        public Error {
            Fields.errorCode(code, "code");
            Fields.text(message, "message", 0, Limits.MAX_ERROR_TEXT_CODE_POINTS);
            Objects.requireNonNull(clientMsgId, "clientMsgId");
            clientMsgId.ifPresent(id -> Fields.clientMsgId(id, "clientMsgId"));
        }

        /** An error not tied to a client message. */
        public static Error of(String code, String message) {
            return new Error(code, message, Optional.empty());
        }

        /** An error refusing the event the client sent as {@code clientMsgId}. */
        public static Error replyTo(String clientMsgId, String code, String message) {
            return new Error(code, message, Optional.of(clientMsgId));
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The rooms that exist, with their member counts. */
    record RoomList(List<RoomInfo> rooms) implements ServerEvent {
        public static final String TYPE = "room_list";

        public RoomList {
            rooms = List.copyOf(Objects.requireNonNull(rooms, "rooms"));
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Answer to {@code ping}. */
    record Pong() implements ServerEvent {
        public static final String TYPE = "pong";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
