package dev.parley.protocol;

/**
 * Hard limits of the protocol: every decoder enforces them whatever the server is configured to; a
 * server may announce lower limits in {@link ServerEvent.Welcome}.
 */
public final class Limits {
    /** Longest user or room name, in Unicode code points. */
    public static final int MAX_NAME_CODE_POINTS = 32;

    /** Longest chat message text, in Unicode code points. */
    public static final int MAX_TEXT_CODE_POINTS = 4000;

    /** Longest human-readable error text, in Unicode code points. */
    public static final int MAX_ERROR_TEXT_CODE_POINTS = 500;

    /** Longest client message id (printable ASCII). */
    public static final int MAX_CLIENT_MSG_ID_LENGTH = 64;

    /** Longest server version string, in Unicode code points. */
    public static final int MAX_SERVER_VERSION_CODE_POINTS = 64;

    /** Largest number of messages one history request may ask for. */
    public static final int MAX_HISTORY_LIMIT = 100;

    /** Largest encoded v2 event, in bytes (a history page that would be larger is cut short). */
    public static final int MAX_EVENT_BYTES = 1 << 20;

    /** Deepest JSON nesting a decoder accepts. */
    public static final int MAX_JSON_DEPTH = 16;

    /** Longest JSON string a decoder accepts, in UTF-16 chars. */
    public static final int MAX_JSON_STRING_CHARS = 16 * 1024;

    /** Longest v1 frame 1 ({@code <name>:<base64 key>}), in chars. */
    public static final int MAX_V1_HELLO_CHARS = 4096;

    /** Longest v1 public key, in bytes (a Themis EC key is 45 bytes). */
    public static final int MAX_V1_PUBLIC_KEY_BYTES = 1024;

    private Limits() {}
}
