package dev.parley.protocol;

import dev.parley.protocol.internal.json.JsonFields;
import dev.parley.protocol.internal.json.JsonReader;
import java.util.Objects;

/**
 * Encodes and decodes v2 {@link Event}s as one UTF-8 JSON object each (the plaintext of one Secure
 * Session message). See {@code docs/protocol.md}.
 *
 * <p>Decoding is strict about syntax and types and lenient about the future: members a type does
 * not define are ignored, but malformed UTF-8 or JSON, duplicate member names, input larger than
 * the size limit, nesting deeper than {@value Limits#MAX_JSON_DEPTH}, strings longer than {@value
 * Limits#MAX_JSON_STRING_CHARS} chars, a missing or mistyped member, a fraction or out-of-range
 * integer, an invalid field value (per the event's constructor) and an unknown {@code type} are all
 * {@link ProtocolException}s. Decoding never throws anything else.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventCodec {
    private final int maxEventBytes;
    private final JsonReader reader;

    /** A codec with the protocol's size limit, {@link Limits#MAX_EVENT_BYTES}. */
    public EventCodec() {
        this(Limits.MAX_EVENT_BYTES);
    }

    /** A codec that encodes and accepts events of at most {@code maxEventBytes} bytes. */
    public EventCodec(int maxEventBytes) {
        if (maxEventBytes < 64 || maxEventBytes > Limits.MAX_EVENT_BYTES) {
            throw new IllegalArgumentException(
                    "maxEventBytes must be between 64 and " + Limits.MAX_EVENT_BYTES);
        }
        this.maxEventBytes = maxEventBytes;
        this.reader =
                new JsonReader(maxEventBytes, Limits.MAX_JSON_DEPTH, Limits.MAX_JSON_STRING_CHARS);
    }

    public int maxEventBytes() {
        return maxEventBytes;
    }

    /**
     * Encodes {@code event} as compact UTF-8 JSON.
     *
     * @throws IllegalArgumentException if the encoding is larger than {@link #maxEventBytes()} (in
     *     practice only a history page of many long messages: send fewer per page)
     */
    public byte[] encode(Event event) {
        Objects.requireNonNull(event, "event");
        byte[] encoded = EventEncoder.encode(event);
        if (encoded.length > maxEventBytes) {
            throw new IllegalArgumentException(
                    "encoded "
                            + event.type()
                            + " event is larger than "
                            + maxEventBytes
                            + " bytes");
        }
        return encoded;
    }

    /** Decodes one event of either direction. */
    public Event decode(byte[] utf8Json) throws ProtocolException {
        Objects.requireNonNull(utf8Json, "utf8Json");
        JsonFields fields = JsonFields.of(reader.parse(utf8Json), "event");
        try {
            return EventDecoder.decode(fields);
        } catch (IllegalArgumentException e) {
            // an event constructor refused a field value; its message names only the field
            throw new ProtocolException("invalid event: " + e.getMessage());
        }
    }

    /** Decodes an event a client sent; a server-to-client event is a {@link ProtocolException}. */
    public ClientEvent decodeClientEvent(byte[] utf8Json) throws ProtocolException {
        Event event = decode(utf8Json);
        if (!(event instanceof ClientEvent)) {
            throw new ProtocolException("event type '" + event.type() + "' is not sent by clients");
        }
        return (ClientEvent) event;
    }

    /** Decodes an event a server sent; a client-to-server event is a {@link ProtocolException}. */
    public ServerEvent decodeServerEvent(byte[] utf8Json) throws ProtocolException {
        Event event = decode(utf8Json);
        if (!(event instanceof ServerEvent)) {
            throw new ProtocolException("event type '" + event.type() + "' is not sent by servers");
        }
        return (ServerEvent) event;
    }
}
