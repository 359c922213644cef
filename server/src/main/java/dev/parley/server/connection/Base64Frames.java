package dev.parley.server.connection;

import java.util.Base64;

/** Base64 as v1 clients send it: standard alphabet, padding, optional MIME line breaks. */
final class Base64Frames {
    private Base64Frames() {}

    /**
     * @throws InputException {@link CloseReason#BAD_BASE64} on any character outside base64
     */
    static byte[] decode(String text) throws InputException {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '+'
                            || c == '/'
                            || c == '=';
            if (!ok) {
                throw new InputException(CloseReason.BAD_BASE64);
            }
            clean.append(c);
        }
        if (clean.length() == 0) {
            throw new InputException(CloseReason.BAD_BASE64);
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw new InputException(CloseReason.BAD_BASE64);
        }
    }

    static String encode(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
