package dev.parley.server.testing;

import dev.parley.server.store.Binding;
import dev.parley.server.store.HistoryStore;
import dev.parley.server.store.IdentityStore;
import dev.parley.server.store.Storage;
import dev.parley.server.store.StorageException;
import dev.parley.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link Storage} for fast tests; survives "restarts" if the same instance is reused. */
public final class MemoryStorage implements Storage {
    private final Map<String, byte[]> names = new HashMap<>();
    private final Map<String, List<StoredMessage>> rooms = new HashMap<>();

    private final IdentityStore identities =
            new IdentityStore() {
                @Override
                public synchronized Binding bindIfAbsent(String name, byte[] publicKey) {
                    synchronized (names) {
                        byte[] existing = names.putIfAbsent(name, publicKey.clone());
                        return new Binding(
                                existing == null, existing == null ? publicKey : existing);
                    }
                }

                @Override
                public Optional<byte[]> find(String name) {
                    synchronized (names) {
                        return Optional.ofNullable(names.get(name)).map(byte[]::clone);
                    }
                }
            };

    private final HistoryStore history =
            new HistoryStore() {
                @Override
                public StoredMessage append(
                        String conversation, String sender, String text, long ts) {
                    synchronized (rooms) {
                        List<StoredMessage> list =
                                rooms.computeIfAbsent(conversation, c -> new ArrayList<>());
                        StoredMessage m =
                                new StoredMessage(list.size() + 1, conversation, sender, text, ts);
                        list.add(m);
                        return m;
                    }
                }

                @Override
                public List<StoredMessage> latest(String conversation, int limit) {
                    synchronized (rooms) {
                        List<StoredMessage> list = rooms.getOrDefault(conversation, List.of());
                        return List.copyOf(
                                list.subList(Math.max(0, list.size() - limit), list.size()));
                    }
                }

                @Override
                public List<StoredMessage> before(String conversation, long beforeId, int limit) {
                    synchronized (rooms) {
                        List<StoredMessage> list = rooms.getOrDefault(conversation, List.of());
                        int end = (int) Math.min(list.size(), Math.max(0, beforeId - 1));
                        return List.copyOf(list.subList(Math.max(0, end - limit), end));
                    }
                }

                @Override
                public List<StoredMessage> after(String conversation, long afterId, int limit) {
                    synchronized (rooms) {
                        List<StoredMessage> list = rooms.getOrDefault(conversation, List.of());
                        int from = (int) Math.min(list.size(), afterId);
                        return List.copyOf(list.subList(from, Math.min(list.size(), from + limit)));
                    }
                }
            };

    @Override
    public IdentityStore identities() {
        return identities;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public void close() throws StorageException {}
}
