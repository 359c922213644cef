package dev.parley.client.internal.store;

import java.io.IOException;

/** A record in the middle of a record log does not authenticate: damage, not a crash. */
public final class RecordLogCorruptedException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecordLogCorruptedException(String message) {
        super(message);
    }
}
