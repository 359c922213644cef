package dev.parley.server.hardening;

import java.util.Map;

/**
 * The hostile behaviours of the abuse test, with what the server must do about each: the close code
 * the attacker sees (0: none to see) and the close reasons the server must count.
 */
enum Attack {
    NOT_UTF8(1007, Map.of("not_utf8", 1), 0),
    NO_COLON(1008, Map.of("bad_hello", 1), 0),
    EMPTY_NAME(1008, Map.of("bad_name", 1), 0),
    OVERLONG_NAME(1008, Map.of("bad_name", 1), 0),
    BAD_BASE64(1008, Map.of("bad_base64", 1), 0),
    BAD_KEY_CONTAINER(1008, Map.of("bad_key", 1), 0),
    KEY_OFF_CURVE(1008, Map.of("bad_key", 1), 0),
    SESSION_ID_NOT_NAME(1008, Map.of("session_id_mismatch", 1), 0),
    HANDSHAKE_OUT_OF_ORDER(1008, Map.of("handshake_failed", 1), 0),
    GARBAGE_AFTER_HANDSHAKE(1008, Map.of("bad_message", 1), 1),
    BINARY_ON_V1(1003, Map.of("binary_on_v1", 1), 0),
    TEXT_ON_V2(1003, Map.of("text_on_v2", 1), 0),
    /** v2: a binary hello that is not UTF-8. */
    V2_HELLO_NOT_UTF8(1007, Map.of("not_utf8", 1), 0),
    /** v2: a binary hello without a colon. */
    V2_NO_COLON(1008, Map.of("bad_hello", 1), 0),
    /** v2: random bytes in a binary frame after the handshake. */
    V2_GARBAGE_AFTER_HANDSHAKE(1008, Map.of("bad_message", 1), 1),
    /** v2: the same binary data frame twice. */
    V2_REPLAYED_DATA_FRAME(1008, Map.of("replayed", 1), 1),
    OVERSIZED_FRAME(1009, Map.of("too_big", 1), 0),
    FLOOD(1008, Map.of("rate_limited", 1), 1),
    REPLAYED_DATA_FRAME(1008, Map.of("replayed", 1), 1),
    /** A finished handshake captured, its socket closed, its frames replayed on a new socket. */
    REPLAYED_HANDSHAKE(1008, Map.of("handshake_failed", 1, "peer", 1), 1),
    DROP_BEFORE_UPGRADE(0, Map.of(), 0),
    DROP_AFTER_UPGRADE(0, Map.of("peer", 1), 0),
    DROP_AFTER_HELLO(0, Map.of("peer", 1), 0),
    /** Establishes, joins room {@code slow}, asks for its history 20 times and never reads. */
    SLOW_READER(0, Map.of("slow_reader", 1), 1),
    /** Upgrades and never sends a frame. */
    SILENT_WEBSOCKET(1008, Map.of("handshake_timeout", 1), 0),
    /** Connects and never sends the HTTP upgrade. */
    SILENT_TCP(0, Map.of("upgrade_timeout", 1), 0),
    /** One socket more than the per-address cap allows. */
    OVER_ADDRESS_CAP(1008, Map.of("per_ip_cap", 1), 0);

    /** The close code the attacker must receive; 0 if it cannot see one. */
    final int closeCode;

    /** Closes the server must count, by reason tag, per run of this attack. */
    final Map<String, Integer> closes;

    /** Handshakes that succeed per run. */
    final int handshakes;

    Attack(int closeCode, Map<String, Integer> closes, int handshakes) {
        this.closeCode = closeCode;
        this.closes = closes;
        this.handshakes = handshakes;
    }

    /** TCP connections one run opens. */
    int connections() {
        return this == REPLAYED_HANDSHAKE ? 2 : 1;
    }

    /**
     * Attacks whose close frame may be lost to a TCP reset: the server closes while the attacker is
     * still writing, and unread bytes make the kernel reset. The server's count stays exact.
     */
    boolean closeFrameMayBeReset() {
        return this == OVERSIZED_FRAME || this == FLOOD;
    }
}
