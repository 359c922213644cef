package dev.parley.server.connection;

import dev.parley.protocol.Names;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.V1Hello;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.util.Base64;

/**
 * The first frame of a connection, {@code <name>:<base64 public key>} ({@link V1Hello}), with the
 * key parsed as a Themis {@code UEC2} container. Each failure maps to its own close reason.
 */
public record Hello(String name, PublicKey publicKey) {

    /**
     * Validates in order: the colon, the name, the base64, the key container and point. Key parsing
     * decompresses an EC point: call it off the event loop.
     */
    public static Hello parse(String frame) throws InputException {
        int colon = frame.indexOf(':');
        if (colon < 0) {
            throw new InputException(CloseReason.BAD_HELLO);
        }
        if (!Names.isValidUserName(frame.substring(0, colon))) {
            throw new InputException(CloseReason.BAD_NAME);
        }
        V1Hello hello;
        try {
            hello = V1Hello.parse(frame);
        } catch (ProtocolException e) {
            throw new InputException(CloseReason.BAD_BASE64);
        }
        try {
            return new Hello(hello.name(), PublicKey.fromBytes(hello.publicKey()));
        } catch (KeyFormatException e) {
            throw new InputException(CloseReason.BAD_KEY);
        }
    }

    /** The text a client sends for this hello (no line breaks). */
    public String encode() {
        return name + ":" + Base64.getEncoder().encodeToString(publicKey.toByteArray());
    }
}
