package dev.parley.server.store;

/**
 * The server's persistent state: identities and history. Open once at start, share the instance,
 * close at shutdown (closing flushes and releases files). After {@link #close()} every store call
 * throws {@link StorageException}. Thread-safe.
 */
public interface Storage extends AutoCloseable {
    IdentityStore identities();

    HistoryStore history();

    @Override
    void close() throws StorageException;
}
