package dev.parley.themis.testing;

/**
 * WasmThemis rejected a command: the reply was {@code {"error":...,"code":N}}.
 *
 * <p>{@link #code()} is the Themis error code (11 fail, 12 invalid parameter, 16 invalid signature,
 * 21 peer key lookup failed, ...) or {@link #NOT_A_THEMIS_ERROR} when the peer failed for another
 * reason (an unknown command or session handle).
 */
public final class WasmThemisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Themis {@code THEMIS_FAIL}. */
    public static final int FAIL = 11;

    /** Themis {@code THEMIS_INVALID_PARAMETER}. */
    public static final int INVALID_PARAMETER = 12;

    /** Themis {@code THEMIS_INVALID_SIGNATURE}. */
    public static final int INVALID_SIGNATURE = 16;

    /** Themis {@code THEMIS_SSESSION_GET_PUB_FOR_ID_CALLBACK_ERROR}. */
    public static final int PEER_KEY_LOOKUP_FAILED = 21;

    /** The error did not come from Themis Core. */
    public static final int NOT_A_THEMIS_ERROR = -1;

    private final int code;

    WasmThemisException(String command, String message, int code) {
        super(command + ": " + message + " (code " + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
