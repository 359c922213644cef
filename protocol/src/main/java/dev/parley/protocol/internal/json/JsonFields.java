package dev.parley.protocol.internal.json;

import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed, strict access to the members of one parsed JSON object. A missing required member, a
 * member of the wrong JSON type, or an integer member with a fraction, an exponent or a value
 * outside the Java type's range is a {@link ProtocolException} naming the member (never its value).
 * An optional member that is absent or {@code null} is empty. Members nobody asks for are ignored
 * (forward compatibility).
 */
public final class JsonFields {
    private final Map<String, Object> members;

    private JsonFields(Map<String, Object> members) {
        this.members = members;
    }

    /** Views {@code value} as an object. */
    public static JsonFields of(Object value, String what) throws ProtocolException {
        if (!(value instanceof Map)) {
            throw new ProtocolException(what + " must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return new JsonFields(map);
    }

    public String string(String name) throws ProtocolException {
        Object v = required(name);
        if (!(v instanceof String)) {
            throw wrongType(name, "a string");
        }
        return (String) v;
    }

    public Optional<String> optionalString(String name) throws ProtocolException {
        return present(name) ? Optional.of(string(name)) : Optional.empty();
    }

    public long longValue(String name) throws ProtocolException {
        return toLong(required(name), name);
    }

    public OptionalLong optionalLong(String name) throws ProtocolException {
        return present(name) ? OptionalLong.of(longValue(name)) : OptionalLong.empty();
    }

    public int intValue(String name) throws ProtocolException {
        long v = longValue(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ProtocolException("member '" + name + "' is out of range");
        }
        return (int) v;
    }

    public boolean bool(String name) throws ProtocolException {
        Object v = required(name);
        if (!(v instanceof Boolean)) {
            throw wrongType(name, "true or false");
        }
        return (Boolean) v;
    }

    public JsonFields object(String name) throws ProtocolException {
        Object v = required(name);
        if (!(v instanceof Map)) {
            throw wrongType(name, "an object");
        }
        return of(v, name);
    }

    public List<Object> array(String name) throws ProtocolException {
        Object v = required(name);
        if (!(v instanceof List)) {
            throw wrongType(name, "an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) v;
        return list;
    }

    public List<String> stringArray(String name) throws ProtocolException {
        List<Object> items = array(name);
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String)) {
                throw wrongType(name, "an array of strings");
            }
            strings.add((String) item);
        }
        return strings;
    }

    private boolean present(String name) {
        Object v = members.get(name);
        return v != null && v != JsonNull.INSTANCE;
    }

    private Object required(String name) throws ProtocolException {
        Object v = members.get(name);
        if (v == null) {
            throw new ProtocolException("member '" + name + "' is missing");
        }
        if (v == JsonNull.INSTANCE) {
            throw new ProtocolException("member '" + name + "' must not be null");
        }
        return v;
    }

    private static long toLong(Object v, String name) throws ProtocolException {
        if (!(v instanceof JsonNumber)) {
            throw wrongType(name, "an integer");
        }
        JsonNumber n = (JsonNumber) v;
        if (!n.isInteger()) {
            throw wrongType(name, "an integer without fraction or exponent");
        }
        try {
            return Long.parseLong(n.lexeme());
        } catch (NumberFormatException e) {
            throw new ProtocolException("member '" + name + "' is out of range");
        }
    }

    private static ProtocolException wrongType(String name, String expected) {
        return new ProtocolException("member '" + name + "' must be " + expected);
    }
}
