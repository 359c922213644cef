package dev.parley.server.chat;

import java.time.Instant;
import java.util.List;

/**
 * What the {@link Router} delivers (protocol-neutral) to one member; each dialect renders it for
 * its wire.
 */
public sealed interface ChatEvent {
    /** First event after the handshake. */
    record Welcome(String name, List<String> rooms) implements ChatEvent {}

    record RoomMessage(ChatLine line) implements ChatEvent {}

    record DirectMessage(String from, String to, String text, Instant timestamp)
            implements ChatEvent {}

    record Joined(String room, String name) implements ChatEvent {}

    record Left(String room, String name) implements ChatEvent {}

    record Members(String room, List<String> names) implements ChatEvent {}

    record RoomList(List<RoomInfo> rooms) implements ChatEvent {}

    record RoomInfo(String name, int members) {}

    /**
     * A page of history, oldest first; {@code replay} marks the automatic replay on join, {@code
     * hasMore} that older messages may exist.
     */
    record History(String room, List<ChatLine> lines, boolean replay, boolean hasMore)
            implements ChatEvent {}

    /**
     * The command with this client id was accepted; {@code messageId} is 0 for non-room messages.
     */
    record Ack(String clientId, long messageId, Instant timestamp) implements ChatEvent {}

    /** Answer to a v2 keep-alive ping. */
    record Pong() implements ChatEvent {}

    /** Informational text for humans (help). */
    record Notice(String text) implements ChatEvent {}

    /** A refused command; {@code code} is a stable token, {@code text} for humans. */
    record Error(String code, String text, String clientId) implements ChatEvent {}
}
