package dev.parley.cli;

/** An operation failed for a reason the user should read: printed as one line, exit status 1. */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }
}
