package dev.parley.themis;

/** A key container is truncated, oversized, has a bad tag or checksum, or holds an invalid key. */
public final class KeyFormatException extends ThemisException {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }
}
