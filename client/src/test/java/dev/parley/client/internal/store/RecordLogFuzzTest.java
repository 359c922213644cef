package dev.parley.client.internal.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The client's history file reader ({@link RecordLog#open}) on attacker-written file contents: only
 * {@link IOException} ({@link RecordLogCorruptedException} for damage); what it accepts it can
 * append to and read back. Fixed key and file tag, so the seeds (real logs) open.
 */
class RecordLogFuzzTest {
    static final SymmetricKey KEY =
            SymmetricKey.fromBytes(
                    new byte[] {
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                    });
    static final byte[] FILE_TAG = new byte[RecordLog.FILE_TAG_BYTES];
    private static final SecureCell.Seal SEAL = SecureCell.sealWithKey(KEY);
    private static final Path FILE;

    static {
        try {
            // tmpfs where there is one: every accepted input is appended to with an fsync
            Path shm = Path.of("/dev/shm");
            FILE =
                    Files.isDirectory(shm) && Files.isWritable(shm)
                            ? Files.createTempFile(shm, "parley-recordlog-fuzz", ".log")
                            : Files.createTempFile("parley-recordlog-fuzz", ".log");
            FILE.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void open(byte[] input) throws IOException {
        Files.write(FILE, input);
        RecordLog log;
        try {
            log = RecordLog.open(FILE, SEAL, FILE_TAG);
        } catch (IOException expected) {
            return;
        }
        int before = log.size();
        log.append(new byte[] {42});
        RecordLog again = RecordLog.open(FILE, SEAL, FILE_TAG);
        if (again.size() != before + 1
                || !Arrays.equals(again.records().get(before), new byte[] {42})) {
            throw new AssertionError("a log that opened does not take an append");
        }
    }
}
