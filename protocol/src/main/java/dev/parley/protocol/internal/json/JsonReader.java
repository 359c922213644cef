package dev.parley.protocol.internal.json;

import dev.parley.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser for untrusted input, producing a tree of {@code Map<String,
 * Object>} (insertion ordered), {@code List<Object>}, {@code String}, {@link JsonNumber}, {@code
 * Boolean} and {@link JsonNull}.
 *
 * <p>Rejects, with {@link ProtocolException}: input over the size limit, malformed UTF-8 (overlong
 * forms, encoded surrogates, code points past U+10FFFF, truncated sequences), nesting deeper than
 * the depth limit, strings longer than the string limit, raw control characters in strings, unknown
 * or incomplete escapes, unpaired surrogate escapes, numbers outside the JSON grammar or longer
 * than {@value #MAX_NUMBER_CHARS} chars, duplicate object keys, and anything after the top-level
 * value except whitespace. Never throws anything else for any input. Instances are immutable and
 * thread-safe (each parse has its own state).
 */
public final class JsonReader {
    /** Longest number lexeme: far more than any long needs, small enough to bound work. */
    public static final int MAX_NUMBER_CHARS = 64;

    private final int maxInputBytes;
    private final int maxDepth;
    private final int maxStringChars;

    public JsonReader(int maxInputBytes, int maxDepth, int maxStringChars) {
        if (maxInputBytes < 1 || maxDepth < 1 || maxStringChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxInputBytes = maxInputBytes;
        this.maxDepth = maxDepth;
        this.maxStringChars = maxStringChars;
    }

    /** Parses one JSON value that must be the whole input. */
    public Object parse(byte[] utf8) throws ProtocolException {
        if (utf8.length > maxInputBytes) {
            throw new ProtocolException("input is larger than " + maxInputBytes + " bytes");
        }
        Parse p = new Parse(decodeUtf8(utf8));
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected data after the JSON value");
        }
        return value;
    }

    private static String decodeUtf8(byte[] utf8) throws ProtocolException {
        try {
            CharBuffer chars =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(utf8));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("input is not valid UTF-8");
        }
    }

    /** The state of one parse. */
    private final class Parse {
        final String text;
        int pos;

        Parse(String text) {
            this.text = text;
        }

        ProtocolException error(String what) {
            return new ProtocolException("malformed JSON at char " + pos + ": " + what);
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        Object value(int depth) throws ProtocolException {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return JsonNull.INSTANCE;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character");
            }
        }

        private void literal(String word) throws ProtocolException {
            if (!text.startsWith(word, pos)) {
                throw error("invalid literal");
            }
            pos += word.length();
        }

        private Map<String, Object> object(int depth) throws ProtocolException {
            if (depth > maxDepth) {
                throw error("nesting deeper than " + maxDepth);
            }
            pos++; // '{'
            Map<String, Object> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return Collections.unmodifiableMap(members);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value(depth);
                if (members.putIfAbsent(key, value) != null) {
                    throw error("duplicate member name");
                }
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return Collections.unmodifiableMap(members);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) throws ProtocolException {
            if (depth > maxDepth) {
                throw error("nesting deeper than " + maxDepth);
            }
            pos++; // '['
            List<Object> items = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(items);
            }
            while (true) {
                skipWhitespace();
                items.add(value(depth));
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return Collections.unmodifiableList(items);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() throws ProtocolException {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    escape(out);
                } else if (c < 0x20) {
                    pos--;
                    throw error("control character in string");
                } else {
                    out.append(c); // raw surrogates are paired: the UTF-8 decoder checked them
                }
                if (out.length() > maxStringChars) {
                    throw error("string longer than " + maxStringChars + " chars");
                }
            }
        }

        private void escape(StringBuilder out) throws ProtocolException {
            char c = next();
            switch (c) {
                case '"':
                    out.append('"');
                    break;
                case '\\':
                    out.append('\\');
                    break;
                case '/':
                    out.append('/');
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'u':
                    {
                        char unit = hex4();
                        if (Character.isHighSurrogate(unit)) {
                            if (!text.startsWith("\\u", pos)) {
                                throw error("unpaired surrogate escape");
                            }
                            pos += 2;
                            char low = hex4();
                            if (!Character.isLowSurrogate(low)) {
                                throw error("unpaired surrogate escape");
                            }
                            out.append(unit).append(low);
                        } else if (Character.isLowSurrogate(unit)) {
                            throw error("unpaired surrogate escape");
                        } else {
                            out.append(unit);
                        }
                        break;
                    }
                default:
                    pos--;
                    throw error("invalid escape");
            }
        }

        private char hex4() throws ProtocolException {
            if (pos + 4 > text.length()) {
                throw error("truncated \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(text.charAt(pos), 16);
                // Character.digit accepts non-ASCII digits; JSON allows only [0-9a-fA-F]
                if (d < 0 || text.charAt(pos) > 'f') {
                    throw error("invalid \\u escape");
                }
                v = (v << 4) | d;
                pos++;
            }
            return (char) v;
        }

        private JsonNumber number() throws ProtocolException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw error("invalid number");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("invalid number");
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("invalid number");
                }
                digits();
            }
            if (pos - start > MAX_NUMBER_CHARS) {
                throw error("number longer than " + MAX_NUMBER_CHARS + " chars");
            }
            return new JsonNumber(text.substring(start, pos));
        }

        private void digits() {
            while (isDigit(peek())) {
                pos++;
            }
        }

        private boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** The current char, or NUL at the end (NUL never starts a valid token here). */
        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private char next() throws ProtocolException {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(pos++);
        }

        private void expect(char c) throws ProtocolException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }
    }
}
