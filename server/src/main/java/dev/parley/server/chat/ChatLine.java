package dev.parley.server.chat;

import java.time.Instant;
import java.util.Objects;

/** One stored room message: its history id (increasing per room), room, sender, text, time. */
public record ChatLine(long id, String room, String sender, String text, Instant timestamp) {
    public ChatLine {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
