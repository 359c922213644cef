package dev.parley.server.store;

import java.nio.file.Path;

/**
 * Child process for {@link EmbeddedStorageCrashTest}: appends messages to the embedded store
 * forever, printing {@code acked <id>} after each append returns, until it is killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        EmbeddedStorage storage =
                EmbeddedStorage.open(dataDir, StorageKeyFile.loadOrCreate(dataDir));
        // bounded even if the parent never kills us
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            StoredMessage m =
                    storage.history()
                            .append(
                                    "main",
                                    "writer",
                                    "message " + i + " " + "x".repeat(i % 500),
                                    i);
            if (i % 7 == 0) {
                storage.identities().bindIfAbsent("user" + i, new byte[] {(byte) i, 1, 2});
            }
            System.out.println("acked " + m.id());
            System.out.flush();
        }
        storage.close();
    }
}
