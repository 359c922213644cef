package dev.parley.server.connection;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The first frame of a connection: {@code <name>:<base64 public key>}. The name comes before
 * the first colon; the key is standard base64 of a {@code UEC2} container, MIME line breaks
 * accepted (Android's {@code Base64.DEFAULT}).
 *
 * <pre>
 *   alice:VUVDMgAAAC3...\n
 *   └─┬─┘ └─────┬──────┘
 *   name   base64(UEC2 public key container, 45 bytes)
 * </pre>
 */
public record Hello(String name, PublicKey publicKey) {
    public static final int MAX_NAME_LENGTH = 32;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1," + MAX_NAME_LENGTH + "}");
    /** Generous upper bound on the base64 of a key container with line breaks. */
    private static final int MAX_KEY_TEXT = 512;

    /**
     * Validates in order: the colon, the name, the base64, the key container and point.
     * Key parsing decompresses an EC point: call it off the event loop.
     */
    public static Hello parse(String frame) throws InputException {
        int colon = frame.indexOf(':');
        if (colon < 0) {
            throw new InputException(CloseReason.BAD_HELLO);
        }
        String name = frame.substring(0, colon);
        if (!isValidName(name)) {
            throw new InputException(CloseReason.BAD_NAME);
        }
        String keyText = frame.substring(colon + 1);
        if (keyText.length() > MAX_KEY_TEXT) {
            throw new InputException(CloseReason.BAD_KEY);
        }
        byte[] key = Base64Frames.decode(keyText);
        try {
            return new Hello(name, PublicKey.fromBytes(key));
        } catch (KeyFormatException e) {
            throw new InputException(CloseReason.BAD_KEY);
        }
    }

    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The text a client sends for this hello (no line breaks). */
    public String encode() {
        return name + ":" + Base64.getEncoder().encodeToString(publicKey.toByteArray());
    }
}
