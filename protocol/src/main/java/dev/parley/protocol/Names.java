package dev.parley.protocol;

import java.text.Normalizer;

/**
 * The one rule for user names and room names.
 *
 * <p>A valid name is 1 to {@value Limits#MAX_NAME_CODE_POINTS} Unicode code points, already in NFC
 * form, that starts with a letter or digit and otherwise contains only letters, digits, combining
 * marks and {@code _ - .}. So no whitespace, control characters, {@code :} (the v1 frame 1
 * separator), {@code @} or {@code |} (used by servers for direct-conversation keys) or {@code /}
 * (v1 commands). Names compare exactly (case-sensitive, code point by code point); validation never
 * changes a name, because a v1 name is also its Secure Session id bytes. Callers that take names
 * from people should {@link #normalize} first.
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {
    private Names() {}

    /** Returns {@code name} in NFC form, the form {@link #validateUserName} requires. */
    public static String normalize(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /**
     * @throws ProtocolException with a human reason if {@code name} is not a valid user name
     */
    public static void validateUserName(String name) throws ProtocolException {
        String reason = problem(name, "user name");
        if (reason != null) {
            throw new ProtocolException(reason);
        }
    }

    /**
     * @throws ProtocolException with a human reason if {@code name} is not a valid room name
     */
    public static void validateRoomName(String name) throws ProtocolException {
        String reason = problem(name, "room name");
        if (reason != null) {
            throw new ProtocolException(reason);
        }
    }

    public static boolean isValidUserName(String name) {
        return problem(name, "user name") == null;
    }

    public static boolean isValidRoomName(String name) {
        return problem(name, "room name") == null;
    }

    /** The reason {@code name} is invalid, or null if it is valid. Never echoes the name. */
    static String problem(String name, String what) {
        if (name == null || name.isEmpty()) {
            return what + " is empty";
        }
        // cheap bound first: more chars than 2 * max can never be few enough code points
        if (name.length() > 2 * Limits.MAX_NAME_CODE_POINTS
                || name.codePointCount(0, name.length()) > Limits.MAX_NAME_CODE_POINTS) {
            return what + " is longer than " + Limits.MAX_NAME_CODE_POINTS + " characters";
        }
        int first = name.codePointAt(0);
        if (!Character.isLetterOrDigit(first)) {
            return what + " must start with a letter or digit";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!isNameCodePoint(cp)) {
                return what + " may contain only letters, digits, '_', '-' and '.'";
            }
            i += Character.charCount(cp);
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return what + " is not in Unicode NFC form";
        }
        return null;
    }

    private static boolean isNameCodePoint(int cp) {
        if (cp == '_' || cp == '-' || cp == '.') {
            return true;
        }
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
