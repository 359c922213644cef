package dev.parley.protocol.internal.json;

/** The JSON {@code null} value in a parsed tree. */
public enum JsonNull {
    INSTANCE
}
