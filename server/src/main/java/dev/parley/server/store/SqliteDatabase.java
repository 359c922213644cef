package dev.parley.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one SQLite file: a single writer connection behind a lock (SQLite allows one
 * writer at a time anyway) and a small pool of read-only connections, which in WAL mode read a
 * consistent snapshot without blocking the writer.
 *
 * <p>Durability: WAL with {@code synchronous=NORMAL} for ordinary writes, which keeps every
 * committed transaction across a process crash ({@code kill -9}) and never leaves a torn record (a
 * transaction is in the WAL completely or not at all), but may lose the last transactions on power
 * loss; writes marked durable (identity bindings, where losing one would let another key claim the
 * name) run with {@code synchronous=FULL}, which also fsyncs the WAL at commit. History appends
 * stay at NORMAL: an fsync per chat message would cap throughput at the disk's sync rate.
 *
 * <p>Thread-safe. {@link #close()} waits for running operations; later ones fail.
 */
final class SqliteDatabase implements AutoCloseable {
    static final int READERS = 2;
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /** One unit of database work. */
    interface Work<T> {
        T run(Connection connection) throws SQLException, StorageException;
    }

    private final Connection writer;
    private final List<Connection> allReaders;
    private final BlockingQueue<Connection> idleReaders;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private SqliteDatabase(Connection writer, List<Connection> readers) {
        this.writer = writer;
        this.allReaders = readers;
        this.idleReaders = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    static SqliteDatabase open(Path file) throws StorageException {
        List<Connection> opened = new ArrayList<>();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection writer = connect(file, false);
            opened.add(writer);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(file, true);
                opened.add(reader);
                readers.add(reader);
            }
            return new SqliteDatabase(writer, readers);
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            for (Connection c : opened) {
                closeQuietly(c);
            }
            throw new StorageException("cannot open the database file", e);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // BEGIN IMMEDIATE: a write transaction takes the write lock before its first read, so
        // read-then-insert (next id) stays correct even if another process opens the same file
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            if (readOnly) {
                s.execute("PRAGMA query_only=1");
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    /** Runs {@code work} as one write transaction; {@code durable} also fsyncs at commit. */
    <T> T write(String what, boolean durable, Work<T> work) throws StorageException {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            writeLock.lock();
            try {
                return transaction(what, durable, work);
            } finally {
                writeLock.unlock();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private <T> T transaction(String what, boolean durable, Work<T> work) throws StorageException {
        try {
            if (durable) {
                pragma(writer, "PRAGMA synchronous=FULL");
            }
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | StorageException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException noTransaction) {
                    // SQLite already rolled back (e.g. SQLITE_FULL at commit) and the driver's
                    // "commit" finds no transaction; the flag is set, keep the original failure
                }
                if (durable) {
                    pragma(writer, "PRAGMA synchronous=NORMAL");
                }
            }
        } catch (SQLException e) {
            throw new StorageException("database failure while " + what + cause(e), e);
        }
    }

    /**
     * The SQLite result code as a hint for operators, e.g. " (SQLITE_FULL)" when the disk is full;
     * a fixed vocabulary, never data from the statement.
     */
    static String cause(SQLException e) {
        return e instanceof org.sqlite.SQLiteException se
                ? " (" + se.getResultCode().name() + ")"
                : "";
    }

    /** Runs {@code work} on a read-only connection (each statement sees a committed snapshot). */
    <T> T read(String what, Work<T> work) throws StorageException {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            Connection c = idleReaders.take();
            try {
                return work.run(c);
            } finally {
                idleReaders.add(c);
            }
        } catch (SQLException e) {
            throw new StorageException("database failure while " + what + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while " + what);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void ensureOpen() throws StorageException {
        if (closed) {
            throw new StorageException("storage is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    private static void pragma(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws StorageException {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            SQLException failure = null;
            for (Connection c : allReaders) {
                failure = closeCollecting(c, failure);
            }
            // the writer last: closing the last connection checkpoints the WAL into the db file
            failure = closeCollecting(writer, failure);
            if (failure != null) {
                throw new StorageException("database failure while closing", failure);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static SQLException closeCollecting(Connection c, SQLException failure) {
        try {
            c.close();
            return failure;
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
                return failure;
            }
            return e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing
        }
    }
}
