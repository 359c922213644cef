package dev.parley.client.internal.store;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only file of Secure Cell records that survives a crash mid-write.
 *
 * <pre>
 *   file   := record*
 *   record := length (u32, big-endian, 1..MAX_CELL_BYTES) || cell (length bytes)
 *   cell   := SecureCell Seal(key).encrypt(plaintext, context)
 *   context:= "parley-record-v1" || fileTag (32 bytes) || index (u64, big-endian, 0-based)
 * </pre>
 *
 * <p>The context binds every record to its file and position, so records cannot be swapped between
 * files or reordered. A torn tail (an incomplete length prefix, a length running past the end of
 * the file, or a last record that does not authenticate, as a crash can leave zero-filled blocks)
 * is ignored when reading and cut away before the next append; earlier records are never touched. A
 * record that fails to authenticate with more data after it is not a crash but damage: {@link
 * RecordLogCorruptedException}.
 *
 * <p>Not thread-safe: one instance per file, used from one thread at a time.
 */
public final class RecordLog {
    /** Largest sealed record accepted; a chat record is a few KiB. */
    public static final int MAX_CELL_BYTES = 256 * 1024;

    private static final int LENGTH_BYTES = 4;
    private static final byte[] CONTEXT_LABEL =
            "parley-record-v1".getBytes(StandardCharsets.US_ASCII);
    public static final int FILE_TAG_BYTES = 32;

    private final Path file;
    private final SecureCell.Seal seal;
    private final byte[] fileTag;
    private final List<byte[]> records;
    private long goodLength;
    private boolean tornTail;

    private RecordLog(
            Path file,
            SecureCell.Seal seal,
            byte[] fileTag,
            List<byte[]> records,
            long goodLength,
            boolean tornTail) {
        this.file = file;
        this.seal = seal;
        this.fileTag = fileTag;
        this.records = records;
        this.goodLength = goodLength;
        this.tornTail = tornTail;
    }

    /**
     * Reads and decrypts every record of {@code file} (absent: empty log). Changes nothing on disk.
     *
     * @throws RecordLogCorruptedException if a record other than the last fails to decrypt
     * @throws IOException if the file cannot be read
     */
    public static RecordLog open(Path file, SecureCell.Seal seal, byte[] fileTag)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(seal, "seal");
        if (fileTag.length != FILE_TAG_BYTES) {
            throw new IllegalArgumentException("fileTag must be " + FILE_TAG_BYTES + " bytes");
        }
        List<byte[]> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return new RecordLog(file, seal, fileTag.clone(), records, 0, false);
        }
        byte[] data = Files.readAllBytes(file);
        int pos = 0;
        boolean torn = false;
        while (pos < data.length) {
            if (data.length - pos < LENGTH_BYTES) {
                torn = true;
                break;
            }
            int length = ByteBuffer.wrap(data, pos, LENGTH_BYTES).getInt();
            int end = pos + LENGTH_BYTES + length;
            if (length <= 0
                    || length > MAX_CELL_BYTES
                    || length > data.length - pos - LENGTH_BYTES) {
                // a bad length is only excusable as the crash-torn end of the file
                torn = true;
                break;
            }
            byte[] cell = java.util.Arrays.copyOfRange(data, pos + LENGTH_BYTES, end);
            try {
                records.add(seal.decrypt(cell, context(fileTag, records.size())));
            } catch (SecureCellException e) {
                if (end == data.length) {
                    torn = true;
                    break;
                }
                throw new RecordLogCorruptedException(
                        "record "
                                + records.size()
                                + " of "
                                + file.getFileName()
                                + " does not authenticate");
            }
            pos = end;
        }
        return new RecordLog(file, seal, fileTag.clone(), records, pos, torn);
    }

    /** The decrypted records, oldest first (a live view: grows on {@link #append}). */
    public List<byte[]> records() {
        return java.util.Collections.unmodifiableList(records);
    }

    public int size() {
        return records.size();
    }

    /** Whether reading found (and ignored) a torn tail that the next append will cut away. */
    public boolean hadTornTail() {
        return tornTail;
    }

    /** Seals {@code plaintext} as the next record and appends it durably (fsync). */
    public void append(byte[] plaintext) throws IOException {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] cell = seal.encrypt(plaintext, context(fileTag, records.size()));
        if (cell.length > MAX_CELL_BYTES) {
            throw new IllegalArgumentException("record too large");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (ch.size() != goodLength) {
                ch.truncate(goodLength);
            }
            ByteBuffer buf = ByteBuffer.allocate(LENGTH_BYTES + cell.length);
            buf.putInt(cell.length).put(cell).flip();
            ch.position(goodLength);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
        goodLength += LENGTH_BYTES + cell.length;
        tornTail = false;
        records.add(plaintext.clone());
    }

    static byte[] context(byte[] fileTag, long index) {
        return ByteBuffer.allocate(CONTEXT_LABEL.length + fileTag.length + Long.BYTES)
                .put(CONTEXT_LABEL)
                .put(fileTag)
                .putLong(index)
                .array();
    }
}
