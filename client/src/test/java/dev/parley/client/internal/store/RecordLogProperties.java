package dev.parley.client.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RecordLogProperties {
    private static final SecureCell.Seal SEAL = SecureCell.sealWithKey(SymmetricKey.generate());
    private static final byte[] TAG = new byte[32];

    /** Whatever the records and wherever a crash cuts the file, every complete record survives. */
    @Property(tries = 60)
    void truncationKeepsEveryCompleteRecordAndAppendingResumes(
            @ForAll @Size(min = 1, max = 6) List<@Size(min = 1, max = 200) byte[]> records,
            @ForAll @IntRange(min = 0, max = 10_000) int cutPermille)
            throws IOException {
        Path dir = Files.createTempDirectory("recordlog");
        try {
            Path file = dir.resolve("x.log");
            RecordLog log = RecordLog.open(file, SEAL, TAG);
            long[] ends = new long[records.size()];
            for (int i = 0; i < records.size(); i++) {
                log.append(records.get(i));
                ends[i] = Files.size(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            int cut = (int) ((long) bytes.length * cutPermille / 10_000);
            Files.write(file, Arrays.copyOf(bytes, cut));
            int complete = (int) Arrays.stream(ends).filter(e -> e <= cut).count();

            RecordLog reopened = RecordLog.open(file, SEAL, TAG);
            assertThat(reopened.size()).isEqualTo(complete);
            for (int i = 0; i < complete; i++) {
                assertThat(reopened.records().get(i)).isEqualTo(records.get(i));
            }
            reopened.append(new byte[] {42});
            RecordLog again = RecordLog.open(file, SEAL, TAG);
            assertThat(again.size()).isEqualTo(complete + 1);
            assertThat(again.records().get(complete)).containsExactly(42);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
