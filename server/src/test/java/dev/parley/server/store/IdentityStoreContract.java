package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The behaviour every {@link IdentityStore} must have. Subclasses provide a fresh, empty store per
 * test and a way to reopen it on the same data (a restart).
 */
public abstract class IdentityStoreContract {
    private IdentityStore store;

    /** A new, empty store; called before each test. */
    protected abstract IdentityStore createStore() throws Exception;

    /** Closes the current store and opens it again on the same data. */
    protected abstract IdentityStore reopenStore() throws Exception;

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

    private static byte[] key(String seed) {
        return ("key-" + seed).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unboundNameIsNotFound() throws Exception {
        assertThat(store.find("nobody")).isEmpty();
    }

    @Test
    void firstBindingCreatesAndIsFound() throws Exception {
        Binding binding = store.bindIfAbsent("alice", key("a"));
        assertThat(binding.created()).isTrue();
        assertThat(binding.publicKey()).isEqualTo(key("a"));
        assertThat(store.find("alice")).hasValueSatisfying(k -> assertThat(k).isEqualTo(key("a")));
    }

    @Test
    void laterBindingWithAnotherKeyReturnsTheExistingKey() throws Exception {
        store.bindIfAbsent("alice", key("a"));
        Binding second = store.bindIfAbsent("alice", key("mallory"));
        assertThat(second).isEqualTo(new Binding(false, key("a")));
        assertThat(store.find("alice")).hasValueSatisfying(k -> assertThat(k).isEqualTo(key("a")));
    }

    @Test
    void rebindingWithTheSameKeyDoesNotCreate() throws Exception {
        store.bindIfAbsent("alice", key("a"));
        assertThat(store.bindIfAbsent("alice", key("a"))).isEqualTo(new Binding(false, key("a")));
    }

    @Test
    void namesCompareExactly() throws Exception {
        store.bindIfAbsent("alice", key("lower"));
        store.bindIfAbsent("Alice", key("upper"));
        store.bindIfAbsent("\u00e9mile", key("nfc"));
        store.bindIfAbsent("e\u0301mile", key("nfd"));
        assertThat(store.find("alice").orElseThrow()).isEqualTo(key("lower"));
        assertThat(store.find("Alice").orElseThrow()).isEqualTo(key("upper"));
        assertThat(store.find("\u00e9mile").orElseThrow()).isEqualTo(key("nfc"));
        assertThat(store.find("e\u0301mile").orElseThrow()).isEqualTo(key("nfd"));
    }

    @Test
    void keysAreCopiedInAndOut() throws Exception {
        byte[] given = key("a");
        Binding binding = store.bindIfAbsent("alice", given);
        given[0] ^= 1;
        binding.publicKey()[0] ^= 1;
        store.find("alice").orElseThrow()[0] ^= 1;
        assertThat(store.find("alice").orElseThrow()).isEqualTo(key("a"));
        assertThat(binding.publicKey()).isEqualTo(key("a"));
    }

    @Test
    void rejectsEmptyNameAndEmptyKey() {
        assertThatThrownBy(() -> store.bindIfAbsent("", key("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.bindIfAbsent("alice", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void racingBindersForOneNameHaveExactlyOneWinner() throws Exception {
        int threads = 8;
        int names = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int n = 0; n < names; n++) {
                String name = "racer" + n;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Binding>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    byte[] mine = key(name + "-" + t);
                    Callable<Binding> bind =
                            () -> {
                                start.await();
                                return store.bindIfAbsent(name, mine);
                            };
                    results.add(pool.submit(bind));
                }
                start.countDown();
                int winners = 0;
                byte[] winnerKey = null;
                List<byte[]> seen = new ArrayList<>();
                for (Future<Binding> f : results) {
                    Binding b = f.get(30, TimeUnit.SECONDS);
                    seen.add(b.publicKey());
                    if (b.created()) {
                        winners++;
                        winnerKey = b.publicKey();
                    }
                }
                assertThat(winners).as("winners for %s", name).isEqualTo(1);
                for (byte[] k : seen) {
                    assertThat(k).isEqualTo(winnerKey);
                }
                assertThat(store.find(name).orElseThrow()).isEqualTo(winnerKey);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void bindingsSurviveARestart() throws Exception {
        store.bindIfAbsent("alice", key("a"));
        store.bindIfAbsent("bob", key("b"));
        store = reopenStore();
        assertThat(store.find("alice").orElseThrow()).isEqualTo(key("a"));
        assertThat(store.find("bob").orElseThrow()).isEqualTo(key("b"));
        assertThat(store.bindIfAbsent("alice", key("other")).created()).isFalse();
        assertThat(store.find("carol")).isEqualTo(Optional.empty());
    }
}
