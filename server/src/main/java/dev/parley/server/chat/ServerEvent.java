package dev.parley.server.chat;

import java.time.Instant;
import java.util.List;

/** What the {@link Router} delivers to one member; each dialect renders it for its wire. */
public sealed interface ServerEvent {
    /** First event after the handshake. */
    record Welcome(String name, List<String> rooms) implements ServerEvent {
    }

    record RoomMessage(ChatLine line) implements ServerEvent {
    }

    record DirectMessage(String from, String to, String text, Instant timestamp) implements ServerEvent {
    }

    record Joined(String room, String name) implements ServerEvent {
    }

    record Left(String room, String name) implements ServerEvent {
    }

    record Members(String room, List<String> names) implements ServerEvent {
    }

    record RoomList(List<RoomInfo> rooms) implements ServerEvent {
    }

    record RoomInfo(String name, int members) {
    }

    /** A page of history, oldest first; {@code replay} marks the automatic replay on join. */
    record History(String room, List<ChatLine> lines, boolean replay) implements ServerEvent {
    }

    /** The command with this client id was accepted; {@code messageId} is 0 for non-room messages. */
    record Ack(String clientId, long messageId) implements ServerEvent {
    }

    /** Informational text for humans (help). */
    record Notice(String text) implements ServerEvent {
    }

    /** A refused command; {@code code} is a stable token, {@code text} for humans. */
    record Error(String code, String text, String clientId) implements ServerEvent {
    }
}
