package dev.parley.bench.load;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What the load client speaks on one socket. Pure encoding, no I/O; thread-safe.
 *
 * <ul>
 *   <li>{@link #V1}: the tutorial protocol (no subprotocol, text frames, base64 Secure Session
 *       messages, chat lines inside). Parley and the Node reference server speak it.
 *   <li>{@link #V2}: Parley's {@code parley.v2} (binary frames, JSON events inside).
 *   <li>{@link #PLAIN}: the plaintext ceiling: text frames, frame 1 is the name, then each frame is
 *       one chat line broadcast as is; no crypto at all.
 * </ul>
 */
public enum WireDialect {
    V1(null, true, true),
    V2("parley.v2", false, true),
    PLAIN(null, true, false);

    private static final EventCodec CODEC = new EventCodec();

    private final String subprotocol;
    private final boolean textFrames;
    private final boolean secure;

    WireDialect(String subprotocol, boolean textFrames, boolean secure) {
        this.subprotocol = subprotocol;
        this.textFrames = textFrames;
        this.secure = secure;
    }

    /** The WebSocket subprotocol to ask for; null for none. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Whether frames are text (else binary). */
    public boolean textFrames() {
        return textFrames;
    }

    /** Whether a Secure Session runs inside the socket. */
    public boolean secure() {
        return secure;
    }

    /** Frame 1: {@code name:base64(key)} for V1/V2, just the name for PLAIN. */
    public String hello(String name, byte[] publicKey) {
        return secure ? name + ":" + Base64.getEncoder().encodeToString(publicKey) : name;
    }

    /** A session message as frame payload text (V1: base64); for V2 the bytes go as they are. */
    public String sessionText(byte[] sessionMessage) {
        return Base64.getEncoder().encodeToString(sessionMessage);
    }

    /** Decodes a V1 text frame to a session message. */
    public byte[] sessionFromText(String frame) {
        return Base64.getMimeDecoder().decode(frame);
    }

    /** The plaintext of one chat message to the default room carrying {@code text}. */
    public byte[] chat(String text, long clientSeq) {
        if (this == V2) {
            return CODEC.encode(new ClientEvent.Send("b" + clientSeq, "main", text));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static WireDialect parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
