package dev.parley.client.internal.store;

import dev.parley.themis.SecureCell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Writes the seeds of {@link RecordLogFuzzTest}: real logs written by {@link RecordLog} under the
 * target's key and file tag. Run from the repository root (docs/fuzzing.md):
 *
 * <pre>
 * mvn -B -q -pl client -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp client/target/test-classes:client/target/classes:$(cat client/cp.txt) \
 *     dev.parley.client.internal.store.RecordLogSeeds client/src/test/resources
 * </pre>
 */
public final class RecordLogSeeds {
    private RecordLogSeeds() {}

    public static void main(String[] args) throws IOException {
        Path dir =
                Paths.get(args.length > 0 ? args[0] : "client/src/test/resources")
                        .resolve("dev/parley/client/internal/store/RecordLogFuzzTestInputs/open");
        Files.createDirectories(dir);
        SecureCell.Seal seal = SecureCell.sealWithKey(RecordLogFuzzTest.KEY);
        Path tmp = Files.createTempFile("parley-seed", ".log");
        try {
            Files.delete(tmp);
            RecordLog log = RecordLog.open(tmp, seal, RecordLogFuzzTest.FILE_TAG);
            log.append("first line of a conversation".getBytes(StandardCharsets.UTF_8));
            log.append(new byte[] {0});
            log.append(new byte[300]);
            byte[] three = Files.readAllBytes(tmp);
            Files.write(dir.resolve("ours-three-records"), three);
            Files.write(dir.resolve("ours-torn-tail"), Arrays.copyOf(three, three.length - 7));
            Files.write(
                    dir.resolve("ours-zero-filled-tail"), Arrays.copyOf(three, three.length + 512));
            byte[] swapped = three.clone();
            swapped[10] ^= 1;
            Files.write(dir.resolve("ours-damaged-first-record"), swapped);
            Files.write(dir.resolve("empty"), new byte[0]);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
