package dev.parley.themis.testing;

import java.util.Base64;
import java.util.Map;

/**
 * The JSON lines the WasmThemis peer speaks: commands are built with {@link Command}, replies
 * parsed by {@link #parseObject} (on top of {@link Json}).
 */
final class PeerJson {
    private PeerJson() {}

    /** Builds one command line. Binary values are sent as base64. */
    static final class Command {
        private final String name;
        private final StringBuilder json = new StringBuilder("{");

        Command(String cmd) {
            this.name = cmd;
            field("cmd").append(quote(cmd));
        }

        String name() {
            return name;
        }

        Command bytes(String name, byte[] value) {
            field(name).append('"').append(Base64.getEncoder().encodeToString(value)).append('"');
            return this;
        }

        /** Adds the field only when {@code value} is not null. */
        Command optionalBytes(String name, byte[] value) {
            return value == null ? this : bytes(name, value);
        }

        Command number(String name, long value) {
            field(name).append(value);
            return this;
        }

        /** A nested object of base64 keys to base64 values. */
        Command bytesMap(String name, Map<byte[], byte[]> entries) {
            StringBuilder b = field(name).append('{');
            boolean first = true;
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                Base64.Encoder enc = Base64.getEncoder();
                b.append('"')
                        .append(enc.encodeToString(e.getKey()))
                        .append("\":\"")
                        .append(enc.encodeToString(e.getValue()))
                        .append('"');
            }
            b.append('}');
            return this;
        }

        private StringBuilder field(String name) {
            if (json.length() > 1) {
                json.append(',');
            }
            return json.append(quote(name)).append(':');
        }

        String line() {
            return json + "}";
        }
    }

    /** A JSON string literal; everything outside printable ASCII is \\u-escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /**
     * Parses one reply line, which must be a JSON object.
     *
     * @throws IllegalArgumentException if it is not
     */
    static Map<String, Object> parseObject(String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "peer reply is not JSON (" + e.getMessage() + "): " + excerpt(text), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("peer reply is not a JSON object: " + excerpt(text));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }

    private static String excerpt(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
