package dev.parley.protocol;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Frame 1 of the v1 (tutorial) protocol: {@code <name>:<base64 public key>}.
 *
 * <p>The frame is split at the first {@code ':'} (names cannot contain one). The name must be a
 * valid {@link Names user name} exactly as sent (it is also the client's Secure Session id, so it
 * is never normalised). The key is standard base64 with padding; line breaks ({@code \n} or {@code
 * \r\n}, as Android's {@code Base64.DEFAULT} emits every 76 characters) are allowed anywhere in it
 * and ignored; any other non-alphabet character is an error. The key bytes are not parsed here: the
 * server checks that they are a Themis public key.
 *
 * @param name the user name
 * @param publicKey the decoded key bytes (copied in and out)
 */
public record V1Hello(String name, byte[] publicKey) {
    public V1Hello {
        Fields.userName(name, "name");
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length == 0 || publicKey.length > Limits.MAX_V1_PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "publicKey must be 1 to " + Limits.MAX_V1_PUBLIC_KEY_BYTES + " bytes");
        }
        publicKey = publicKey.clone();
    }

    /**
     * Parses frame 1.
     *
     * @throws ProtocolException with a human reason (no colon, empty, overlong or invalid name,
     *     invalid base64, empty or overlong key)
     */
    public static V1Hello parse(String frame) throws ProtocolException {
        Objects.requireNonNull(frame, "frame");
        if (frame.length() > Limits.MAX_V1_HELLO_CHARS) {
            throw new ProtocolException(
                    "hello frame is longer than " + Limits.MAX_V1_HELLO_CHARS + " characters");
        }
        int colon = frame.indexOf(':');
        if (colon < 0) {
            throw new ProtocolException(
                    "hello frame must be <name>:<base64 public key>, no ':' found");
        }
        String name = frame.substring(0, colon);
        Names.validateUserName(name);
        byte[] key = decodeBase64(frame.substring(colon + 1));
        if (key.length == 0) {
            throw new ProtocolException("public key is empty");
        }
        if (key.length > Limits.MAX_V1_PUBLIC_KEY_BYTES) {
            throw new ProtocolException(
                    "public key is longer than " + Limits.MAX_V1_PUBLIC_KEY_BYTES + " bytes");
        }
        return new V1Hello(name, key);
    }

    /** Strict base64 that tolerates MIME line breaks ({@code \n}, {@code \r\n}). */
    static byte[] decodeBase64(String text) throws ProtocolException {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                throw new ProtocolException(
                        "public key is not valid base64 (bare carriage return)");
            }
            boolean alphabet =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '+'
                            || c == '/'
                            || c == '=';
            if (!alphabet) {
                throw new ProtocolException(
                        "public key is not valid base64 (unexpected character)");
            }
            compact.append(c);
        }
        if (compact.length() % 4 != 0) {
            throw new ProtocolException(
                    "public key is not valid base64 (length is not a multiple of 4)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("public key is not valid base64 (bad padding)");
        }
        // strict: only the canonical encoding (unused trailing bits zero) is accepted
        if (!Base64.getEncoder().encodeToString(decoded).contentEquals(compact)) {
            throw new ProtocolException("public key is not valid base64 (non-canonical padding)");
        }
        return decoded;
    }

    /** The key bytes, a fresh copy. */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V1Hello
                && ((V1Hello) o).name.equals(name)
                && Arrays.equals(((V1Hello) o).publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "V1Hello[name=" + name + ", publicKey=" + publicKey.length + " bytes]";
    }
}
