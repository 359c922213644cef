package dev.parley.server.connection;

/**
 * Why the server closes a WebSocket: the close code sent, a human-readable reason for the peer, and
 * a stable tag for metrics and logs (never user data).
 */
public enum CloseReason {
    NOT_UTF8(1007, "text frame is not valid UTF-8", "not_utf8"),
    BAD_HELLO(1008, "first frame must be name:base64(public key)", "bad_hello"),
    BAD_NAME(1008, "invalid name: 1-32 letters, digits, '_', '-', '.'", "bad_name"),
    BAD_BASE64(1008, "frame is not valid base64", "bad_base64"),
    BAD_KEY(1008, "invalid public key", "bad_key"),
    NAME_TAKEN(1008, "name is held by another key", "name_taken"),
    NOT_AUTHORIZED(1008, "name/key not in authorized keys", "not_authorized"),
    HANDSHAKE_FAILED(1008, "secure session handshake failed", "handshake_failed"),
    SESSION_ID_MISMATCH(1008, "secure session id must equal the name", "session_id_mismatch"),
    BAD_MESSAGE(1008, "message could not be decrypted", "bad_message"),
    REPLAYED(1008, "replayed or stale message", "replayed"),
    BAD_EVENT(1008, "malformed event", "bad_event"),
    BINARY_ON_V1(1003, "binary frames are not used by protocol v1", "binary_on_v1"),
    TEXT_ON_V2(1003, "text frames are not used by protocol v2", "text_on_v2"),
    TOO_BIG(1009, "frame too big", "too_big"),
    RATE_LIMITED(1008, "rate limit exceeded", "rate_limited"),
    HANDSHAKE_TIMEOUT(1008, "handshake timeout", "handshake_timeout"),
    IDLE_TIMEOUT(1001, "idle timeout", "idle_timeout"),
    TOO_MANY_CONNECTIONS(1008, "too many connections from your address", "per_ip_cap"),
    OVERLOADED(1013, "server busy, try again later", "overloaded"),
    SLOW_READER(1008, "too slow reading messages", "slow_reader"),
    PROTOCOL_ERROR(1002, "websocket protocol error", "protocol_error"),
    SHUTDOWN(1001, "server shutting down", "shutdown"),
    INTERNAL(1011, "internal server error", "internal");

    private final int code;
    private final String text;
    private final String tag;

    CloseReason(int code, String text, String tag) {
        this.code = code;
        this.text = text;
        this.tag = tag;
    }

    /** The WebSocket close status code. */
    public int code() {
        return code;
    }

    /** The reason sent to the peer (under 123 bytes, as RFC 6455 requires). */
    public String text() {
        return text;
    }

    /** Stable lowercase tag for metrics and logs. */
    public String tag() {
        return tag;
    }
}
