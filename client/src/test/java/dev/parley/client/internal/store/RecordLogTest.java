package dev.parley.client.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
    private static final SecureCell.Seal SEAL = SecureCell.sealWithKey(SymmetricKey.generate());
    private static final byte[] TAG = new byte[32];

    @TempDir Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(RecordLog log) {
        return log.records().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void appendedRecordsReadBackInOrder() throws IOException {
        Path file = dir.resolve("a.log");
        RecordLog log = RecordLog.open(file, SEAL, TAG);
        log.append(utf8("one"));
        log.append(utf8("two"));
        assertThat(texts(RecordLog.open(file, SEAL, TAG))).containsExactly("one", "two");
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
                .doesNotContain("one", "two");
    }

    @Test
    void truncationAnywhereInTheLastRecordKeepsEarlierRecordsAndIsCutOnNextAppend()
            throws IOException {
        Path file = dir.resolve("a.log");
        RecordLog log = RecordLog.open(file, SEAL, TAG);
        log.append(utf8("first"));
        log.append(utf8("second"));
        long twoRecords = Files.size(file);
        log.append(utf8("third"));
        byte[] full = Files.readAllBytes(file);
        for (long cut = twoRecords + 1; cut < full.length; cut++) {
            Files.write(file, Arrays.copyOf(full, (int) cut));
            RecordLog reopened = RecordLog.open(file, SEAL, TAG);
            assertThat(texts(reopened)).as("cut at %d", cut).containsExactly("first", "second");
            assertThat(reopened.hadTornTail()).isTrue();
            assertThat(Files.size(file)).as("reading changes nothing").isEqualTo(cut);
        }
        RecordLog reopened = RecordLog.open(file, SEAL, TAG);
        reopened.append(utf8("fourth"));
        assertThat(texts(RecordLog.open(file, SEAL, TAG)))
                .containsExactly("first", "second", "fourth");
        assertThat(RecordLog.open(file, SEAL, TAG).hadTornTail()).isFalse();
    }

    @Test
    void zeroFilledTailAfterACrashIsIgnored() throws IOException {
        Path file = dir.resolve("a.log");
        RecordLog log = RecordLog.open(file, SEAL, TAG);
        log.append(utf8("kept"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.allocate(4096));
        }
        RecordLog reopened = RecordLog.open(file, SEAL, TAG);
        assertThat(texts(reopened)).containsExactly("kept");
        reopened.append(utf8("next"));
        assertThat(texts(RecordLog.open(file, SEAL, TAG))).containsExactly("kept", "next");
    }

    @Test
    void damagedMiddleRecordIsReportedNotSkipped() throws IOException {
        Path file = dir.resolve("a.log");
        RecordLog log = RecordLog.open(file, SEAL, TAG);
        log.append(utf8("first"));
        log.append(utf8("second"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> RecordLog.open(file, SEAL, TAG))
                .isInstanceOf(RecordLogCorruptedException.class);
    }

    @Test
    void recordsAreBoundToTheirFileAndPosition() throws IOException {
        Path a = dir.resolve("a.log");
        RecordLog log = RecordLog.open(a, SEAL, TAG);
        log.append(utf8("first"));
        log.append(utf8("second"));
        byte[] otherTag = new byte[32];
        otherTag[0] = 1;
        Path b = dir.resolve("b.log");
        Files.copy(a, b);
        assertThatThrownBy(() -> RecordLog.open(b, SEAL, otherTag))
                .isInstanceOf(RecordLogCorruptedException.class);
        // swap the two records: each now sits at the wrong index
        byte[] bytes = Files.readAllBytes(a);
        int firstLen = 4 + java.nio.ByteBuffer.wrap(bytes, 0, 4).getInt();
        byte[] swapped = new byte[bytes.length];
        System.arraycopy(bytes, firstLen, swapped, 0, bytes.length - firstLen);
        System.arraycopy(bytes, 0, swapped, bytes.length - firstLen, firstLen);
        Files.write(a, swapped);
        assertThatThrownBy(() -> RecordLog.open(a, SEAL, TAG))
                .isInstanceOf(RecordLogCorruptedException.class);
    }

    @Test
    void absentFileIsAnEmptyLog() throws IOException {
        RecordLog log = RecordLog.open(dir.resolve("none.log"), SEAL, TAG);
        assertThat(log.size()).isZero();
        assertThat(Files.exists(dir.resolve("none.log"))).isFalse();
    }
}
