package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HistoryStore} must have. Subclasses provide a fresh, empty store per
 * test and a way to reopen it on the same data (a restart).
 */
public abstract class HistoryStoreContract {
    private HistoryStore store;

    /** A new, empty store; called before each test. */
    protected abstract HistoryStore createStore() throws Exception;

    /** Closes the current store and opens it again on the same data. */
    protected abstract HistoryStore reopenStore() throws Exception;

    /** Releases the store; called after each test. */
    protected abstract void closeStore() throws Exception;

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void tearDownStore() throws Exception {
        closeStore();
    }

    private List<StoredMessage> appendMany(String conversation, int count) throws StorageException {
        List<StoredMessage> appended = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            appended.add(
                    store.append(conversation, "alice", "message " + i, 1_700_000_000_000L + i));
        }
        return appended;
    }

    private static List<Long> ids(List<StoredMessage> messages) {
        List<Long> ids = new ArrayList<>();
        for (StoredMessage m : messages) {
            ids.add(m.id());
        }
        return ids;
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> ids = new ArrayList<>();
        for (long i = fromInclusive; i <= toInclusive; i++) {
            ids.add(i);
        }
        return ids;
    }

    @Test
    void appendAssignsIdsFromOneUpwardsPerConversation() throws Exception {
        assertThat(store.append("main", "alice", "one", 10).id()).isEqualTo(1);
        assertThat(store.append("main", "bob", "two", 11).id()).isEqualTo(2);
        assertThat(store.append("dev", "bob", "first in dev", 12).id()).isEqualTo(1);
        assertThat(store.append("main", "carol", "three", 13).id()).isEqualTo(3);
    }

    @Test
    void appendReturnsWhatWasStored() throws Exception {
        StoredMessage m = store.append("main", "alice", "hello", 1234);
        assertThat(m).isEqualTo(new StoredMessage(1, "main", "alice", "hello", 1234));
        assertThat(store.latest("main", 10)).containsExactly(m);
    }

    @Test
    void emptyConversationHasNoHistory() throws Exception {
        assertThat(store.latest("main", 10)).isEmpty();
        assertThat(store.before("main", 100, 10)).isEmpty();
        assertThat(store.after("main", 0, 10)).isEmpty();
    }

    @Test
    void latestReturnsTheNewestOldestFirst() throws Exception {
        appendMany("main", 30);
        assertThat(ids(store.latest("main", 5))).containsExactly(26L, 27L, 28L, 29L, 30L);
        assertThat(ids(store.latest("main", 100))).isEqualTo(range(1, 30));
    }

    @Test
    void beforePagesBackwardsWithoutGapsOrOverlaps() throws Exception {
        List<StoredMessage> all = appendMany("main", 25);
        List<StoredMessage> collected = new ArrayList<>(store.latest("main", 10));
        while (true) {
            List<StoredMessage> page = store.before("main", collected.get(0).id(), 10);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page.size()).isLessThanOrEqualTo(10);
            collected.addAll(0, page);
        }
        assertThat(collected).isEqualTo(all);
        assertThat(ids(store.before("main", 11, 3))).containsExactly(8L, 9L, 10L);
        assertThat(store.before("main", 1, 10)).isEmpty();
    }

    @Test
    void afterCatchesUpOldestFirst() throws Exception {
        appendMany("main", 25);
        assertThat(ids(store.after("main", 20, 100))).isEqualTo(range(21, 25));
        assertThat(ids(store.after("main", 0, 4))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ids(store.after("main", 10, 3))).containsExactly(11L, 12L, 13L);
        assertThat(store.after("main", 25, 10)).isEmpty();
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> store.latest("main", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.before("main", 5, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.after("main", 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conversationsAreIsolated() throws Exception {
        store.append("main", "alice", "in main", 1);
        store.append("@alice|bob", "alice", "private", 2);
        store.append("@alice|carol", "carol", "other private", 3);
        assertThat(store.latest("main", 10))
                .extracting(StoredMessage::text)
                .containsExactly("in main");
        assertThat(store.latest("@alice|bob", 10))
                .extracting(StoredMessage::text)
                .containsExactly("private");
        assertThat(store.latest("@alice|carol", 10))
                .extracting(StoredMessage::conversation)
                .containsExactly("@alice|carol");
        assertThat(store.latest("Main", 10)).isEmpty();
    }

    @Test
    void preservesUnicodeTextSenderAndTimestamp() throws Exception {
        String[] texts = {
            "😀 emoji \uD83D\uDC69\u200D\uD83D\uDCBB",
            "tab\tnew\nline\r\u0000nul",
            "日本語 ✓",
            "\"quotes\" and \\backslash\\",
            "x".repeat(4000),
            ""
        };
        for (String text : texts) {
            store.append("r\u00f6om", "s\u00e9nder_1", text, Long.MAX_VALUE - 1);
        }
        List<StoredMessage> read = store.latest("r\u00f6om", 100);
        assertThat(read).extracting(StoredMessage::text).containsExactly(texts);
        assertThat(read).extracting(StoredMessage::sender).containsOnly("s\u00e9nder_1");
        assertThat(read)
                .extracting(StoredMessage::timestampMillis)
                .containsOnly(Long.MAX_VALUE - 1);
    }

    @Test
    void returnedListsAreImmutable() throws Exception {
        appendMany("main", 3);
        List<StoredMessage> latest = store.latest("main", 10);
        assertThatThrownBy(() -> latest.remove(0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentAppendsGetDistinctIncreasingIds() throws Exception {
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String sender = "writer" + t;
                Callable<List<Long>> work =
                        () -> {
                            start.await();
                            List<Long> mine = new ArrayList<>();
                            for (int i = 0; i < perThread; i++) {
                                mine.add(store.append("busy", sender, "m" + i, i).id());
                                if (i % 10 == 0) {
                                    store.latest("busy", 5); // readers interleave with writers
                                }
                            }
                            return mine;
                        };
                results.add(pool.submit(work));
            }
            start.countDown();
            List<Long> allIds = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get(60, TimeUnit.SECONDS);
                assertThat(mine).isSorted().doesNotHaveDuplicates();
                allIds.addAll(mine);
            }
            assertThat(allIds)
                    .containsExactlyInAnyOrderElementsOf(range(1, (long) threads * perThread));
            assertThat(ids(store.after("busy", 0, 1000)))
                    .isEqualTo(range(1, (long) threads * perThread));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void historySurvivesARestart() throws Exception {
        List<StoredMessage> before = appendMany("main", 12);
        store.append("@alice|bob", "bob", "hi", 99);
        store = reopenStore();
        assertThat(store.latest("main", 100)).isEqualTo(before);
        assertThat(store.latest("@alice|bob", 1))
                .containsExactly(new StoredMessage(1, "@alice|bob", "bob", "hi", 99));
        assertThat(store.append("main", "alice", "after restart", 5).id()).isEqualTo(13);
    }
}
