package dev.parley.themis.internal.container;

/** A Soter container is malformed: short, wrong tag, size field out of range, or bad CRC. */
public final class ContainerFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ContainerFormatException(String message) {
        super(message);
    }
}
