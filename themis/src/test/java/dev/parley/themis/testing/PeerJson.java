package dev.parley.themis.testing;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the WasmThemis peer speaks: one flat object per line. Commands are built with
 * {@link Command}; replies are parsed by {@link #parseFlatObject}, which accepts only string,
 * number, boolean and null values (that is all {@code peer.js} sends) and rejects anything else.
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
                b.append('"').append(enc.encodeToString(e.getKey())).append("\":\"")
                        .append(enc.encodeToString(e.getValue())).append('"');
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
     * Parses a flat JSON object.
     *
     * @throws IllegalArgumentException if {@code text} is not a flat object of scalars
     */
    static Map<String, Object> parseFlatObject(String text) {
        Parser p = new Parser(text);
        Map<String, Object> out = new LinkedHashMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipSpace();
                String key = p.string();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                out.put(key, p.scalar());
                p.skipSpace();
                char c = p.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw p.error("expected , or }");
                }
            }
        }
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return out;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object scalar() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a string, number, boolean or null");
            }
            try {
                return Long.parseLong(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("not an integer");
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("peer reply is not a flat JSON object (" + what
                    + " at " + pos + "): " + (s.length() > 200 ? s.substring(0, 200) + "..." : s));
        }
    }
}
