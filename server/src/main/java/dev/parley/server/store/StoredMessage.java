package dev.parley.server.store;

import java.util.Objects;

/**
 * One stored history record.
 *
 * @param id strictly increasing within {@code conversation}, starting at 1
 * @param conversation a room name, or a direct conversation key such as {@code @alice|bob}
 * @param sender the author's user name
 * @param text the message text
 * @param timestampMillis when the server accepted it, Unix milliseconds
 */
public record StoredMessage(
        long id, String conversation, String sender, String text, long timestampMillis) {
    public StoredMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        // never log message bodies
        return "StoredMessage[id="
                + id
                + ", conversation="
                + conversation
                + ", sender="
                + sender
                + ", text="
                + text.length()
                + " chars, timestampMillis="
                + timestampMillis
                + "]";
    }
}
