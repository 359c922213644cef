package dev.parley.client.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process for {@link HistoryDiskFullTest}: appends long entries to one conversation of an
 * existing store until an append fails, then tries three more. Prints {@code STORED <n>}, one
 * {@code FAILED <exception class>: <message>} per failure, and exits 0. Arguments: home,
 * passphrase.
 */
public final class HistoryFiller {
    private HistoryFiller() {}

    public static void main(String[] args) throws Exception {
        LocalStore store = LocalStore.open(Path.of(args[0]), args[1]);
        ConversationLog log =
                store.conversation(HistoryDiskFullTest.SERVER, HistoryDiskFullTest.ROOM);
        long id = Math.max(1, log.lastId() + 1);
        int stored = 0;
        int failed = 0;
        for (int i = 0; i < 100_000 && failed < 4; i++) {
            try {
                log.append(HistoryDiskFullTest.entry(id));
                if (failed > 0) {
                    System.out.println("APPENDED AFTER FAILURE");
                }
                id++;
                stored++;
            } catch (IOException e) {
                if (failed == 0) {
                    System.out.println("STORED " + stored);
                }
                System.out.println(
                        "FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
                failed++;
            }
        }
        System.out.flush();
    }
}
