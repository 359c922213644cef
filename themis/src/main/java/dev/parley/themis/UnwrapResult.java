package dev.parley.themis;

import java.util.Objects;

/**
 * What {@link SecureSession#unwrap} produced: negotiation bytes to send to the peer unchanged, a
 * decrypted application message, or nothing.
 */
public final class UnwrapResult {
    /** The kind of result. */
    public enum Type {
        /** Negotiation output: send {@link #data()} to the peer as one message. */
        PROTOCOL_DATA,
        /** A decrypted application message in {@link #data()}. */
        USER_DATA,
        /** Nothing to send or deliver (the client after the last handshake message). */
        NO_DATA
    }

    private static final UnwrapResult NOTHING = new UnwrapResult(Type.NO_DATA, new byte[0]);

    private final Type type;
    private final byte[] data;

    private UnwrapResult(Type type, byte[] data) {
        this.type = type;
        this.data = data;
    }

    public static UnwrapResult protocolData(byte[] data) {
        return new UnwrapResult(Type.PROTOCOL_DATA, Objects.requireNonNull(data));
    }

    public static UnwrapResult userData(byte[] data) {
        return new UnwrapResult(Type.USER_DATA, Objects.requireNonNull(data));
    }

    public static UnwrapResult noData() {
        return NOTHING;
    }

    public Type type() {
        return type;
    }

    /** The bytes (empty for {@link Type#NO_DATA}); the array is the caller's to keep. */
    public byte[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "UnwrapResult[" + type + ", " + data.length + " bytes]";
    }
}
