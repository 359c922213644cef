package dev.parley.protocol;

/**
 * One v2 chat event: the plaintext of one established Secure Session message, encoded by {@link
 * EventCodec} as one UTF-8 JSON object whose {@code "type"} member is {@link #type()}.
 *
 * <p>Events are immutable records that validate every field on construction (names with {@link
 * Names}, lengths against {@link Limits}); constructors throw {@link IllegalArgumentException} or
 * {@link NullPointerException} for invalid values. {@link ClientEvent}s travel client to server,
 * {@link ServerEvent}s server to client.
 */
public sealed interface Event permits ClientEvent, ServerEvent {
    /** The JSON {@code "type"} value of this event, e.g. {@code "send"}. */
    String type();
}
