package dev.parley.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Validation helpers for event constructors. They throw {@link IllegalArgumentException} or {@link
 * NullPointerException} (programmer misuse); {@link EventCodec} turns those into {@link
 * ProtocolException} when the values came from the wire. Messages name the field, never its value.
 */
final class Fields {
    private Fields() {}

    static String userName(String value, String field) {
        Objects.requireNonNull(value, field);
        String reason = Names.problem(value, field);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return value;
    }

    static String roomName(String value, String field) {
        Objects.requireNonNull(value, field);
        String reason = Names.problem(value, field);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return value;
    }

    static List<String> userNames(List<String> values, String field) {
        List<String> copy = List.copyOf(Objects.requireNonNull(values, field));
        for (String v : copy) {
            userName(v, field + " entry");
        }
        return copy;
    }

    static List<String> roomNames(List<String> values, String field) {
        List<String> copy = List.copyOf(Objects.requireNonNull(values, field));
        for (String v : copy) {
            roomName(v, field + " entry");
        }
        return copy;
    }

    /** Well-formed UTF-16 text of 1..max code points (empty allowed if {@code min == 0}). */
    static String text(String value, String field, int min, int maxCodePoints) {
        Objects.requireNonNull(value, field);
        if (value.length() > 2 * maxCodePoints) {
            throw new IllegalArgumentException(
                    field + " is longer than " + maxCodePoints + " characters");
        }
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired surrogate");
            }
            count++;
        }
        if (count < min) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (count > maxCodePoints) {
            throw new IllegalArgumentException(
                    field + " is longer than " + maxCodePoints + " characters");
        }
        return value;
    }

    /** A client message id: 1..64 printable ASCII characters (no space). */
    static String clientMsgId(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > Limits.MAX_CLIENT_MSG_ID_LENGTH) {
            throw new IllegalArgumentException(
                    field + " must be 1 to " + Limits.MAX_CLIENT_MSG_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(
                        field + " must be printable ASCII without spaces");
            }
        }
        return value;
    }

    /** An error code: {@code [a-z][a-z0-9_]*}, at most 32 chars. */
    static String errorCode(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()
                || value.length() > 32
                || value.charAt(0) < 'a'
                || value.charAt(0) > 'z') {
            throw new IllegalArgumentException(field + " must match [a-z][a-z0-9_]{0,31}");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                throw new IllegalArgumentException(field + " must match [a-z][a-z0-9_]{0,31}");
            }
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        return value;
    }

    static int inRange(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
        }
        return value;
    }
}
