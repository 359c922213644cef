package dev.parley.server.connection;

import dev.parley.server.chat.ChatCommand;
import dev.parley.server.chat.ChatEvent;
import java.util.List;

/**
 * One wire protocol's framing and event format (v1 text/base64 lines, v2 binary/JSON). Pure
 * functions of their input, no I/O; thread-safe.
 */
public interface Dialect {
    /** "v1" or "v2", for logs and metrics. */
    String name();

    /** The hello text of the first frame. */
    String helloText(boolean textFrame, byte[] payload) throws InputException;

    /** The Secure Session message carried by a frame after the hello. */
    byte[] sessionMessage(boolean textFrame, byte[] payload) throws InputException;

    /** Sends one Secure Session message in this dialect's framing (not flushed). */
    void send(Transport transport, byte[] sessionMessage);

    /**
     * What a decrypted client message asks for: a command, or a reply the connection gives itself.
     */
    Parsed parse(byte[] plaintext) throws InputException;

    /**
     * The plaintexts (each wrapped into one frame) that show {@code event} to member {@code self}.
     */
    List<byte[]> render(ChatEvent event, String self);

    /** Exactly one of the two is non-null. */
    record Parsed(ChatCommand command, ChatEvent reply) {
        public static Parsed of(ChatCommand c) {
            return new Parsed(c, null);
        }

        public static Parsed reply(ChatEvent e) {
            return new Parsed(null, e);
        }
    }
}
