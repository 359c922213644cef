package dev.parley.server.chat;

/**
 * What a connected user asks the {@link Router} to do, independent of wire protocol. A {@code null}
 * room means the user's current room; {@code clientId} (v2 only, may be null) is echoed in the
 * {@link ChatEvent.Ack}.
 */
public sealed interface ChatCommand {
    record Say(String room, String text, String clientId) implements ChatCommand {}

    record Direct(String to, String text, String clientId) implements ChatCommand {}

    record Join(String room) implements ChatCommand {}

    record Leave(String room) implements ChatCommand {}

    record ListRooms() implements ChatCommand {}

    record Who(String room) implements ChatCommand {}

    /** {@code beforeId} null: the latest page. */
    record History(String room, int limit, Long beforeId) implements ChatCommand {}
}
