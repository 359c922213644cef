package dev.parley.protocol.internal.json;

import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming JSON writer that always produces valid JSON in valid UTF-8.
 *
 * <p>Strings are escaped as RFC 8259 requires ({@code "}, {@code \}, every char below U+0020) plus
 * U+2028/U+2029 (harmless, and safe for JavaScript consumers). An unpaired surrogate, which has no
 * UTF-8 encoding, is written as U+FFFD. Callers are responsible for well-formed nesting (begin/end
 * pairs, a name before each member value); misuse throws {@link IllegalStateException}. Not
 * thread-safe: one writer per encoded value.
 */
public final class JsonWriter {
    private static final int MAX_DEPTH = 64;

    private final StringBuilder out = new StringBuilder(128);

    /** For each open container: whether it already has an element. */
    private final boolean[] hasElement = new boolean[MAX_DEPTH];

    private final boolean[] isObject = new boolean[MAX_DEPTH];
    private int depth;
    private boolean afterName;

    public JsonWriter beginObject() {
        beforeValue();
        open(true);
        out.append('{');
        return this;
    }

    public JsonWriter endObject() {
        close(true);
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        open(false);
        out.append('[');
        return this;
    }

    public JsonWriter endArray() {
        close(false);
        out.append(']');
        return this;
    }

    /** Starts an object member; the next call writes its value. */
    public JsonWriter name(String name) {
        if (depth == 0 || !isObject[depth - 1] || afterName) {
            throw new IllegalStateException("name outside an object");
        }
        if (hasElement[depth - 1]) {
            out.append(',');
        }
        hasElement[depth - 1] = true;
        writeString(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        beforeValue();
        writeString(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** The finished document as UTF-8. */
    public byte[] toUtf8() {
        if (depth != 0 || afterName) {
            throw new IllegalStateException("unfinished JSON");
        }
        // safe: writeString never emits an unpaired surrogate
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void beforeValue() {
        if (depth > 0 && isObject[depth - 1]) {
            if (!afterName) {
                throw new IllegalStateException("object member value without a name");
            }
        } else if (depth > 0) {
            if (hasElement[depth - 1]) {
                out.append(',');
            }
            hasElement[depth - 1] = true;
        } else if (out.length() > 0) {
            throw new IllegalStateException("more than one top-level value");
        }
        afterName = false;
    }

    private void open(boolean object) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("nesting too deep");
        }
        isObject[depth] = object;
        hasElement[depth] = false;
        depth++;
    }

    private void close(boolean object) {
        if (depth == 0 || isObject[depth - 1] != object || afterName) {
            throw new IllegalStateException("mismatched end");
        }
        depth--;
    }

    private void writeString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\u2028':
                    out.append("\\u2028");
                    break;
                case '\u2029':
                    out.append("\\u2029");
                    break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
