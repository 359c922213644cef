package dev.parley.server.chat;

import dev.parley.server.store.HistoryStore;
import dev.parley.server.store.StorageException;
import dev.parley.server.store.StoredMessage;
import java.time.Instant;
import java.util.List;

/** {@link RoomHistory} over a {@link HistoryStore}; a room's conversation key is its name. */
public final class StoredRoomHistory implements RoomHistory {
    private final HistoryStore store;

    public StoredRoomHistory(HistoryStore store) {
        this.store = store;
    }

    @Override
    public ChatLine append(String room, String sender, String text, Instant timestamp)
            throws HistoryUnavailableException {
        try {
            return line(store.append(room, sender, text, timestamp.toEpochMilli()));
        } catch (StorageException e) {
            throw new HistoryUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public List<ChatLine> latest(String room, int limit) throws HistoryUnavailableException {
        try {
            return store.latest(room, limit).stream().map(StoredRoomHistory::line).toList();
        } catch (StorageException e) {
            throw new HistoryUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public List<ChatLine> before(String room, long beforeId, int limit)
            throws HistoryUnavailableException {
        try {
            return store.before(room, beforeId, limit).stream()
                    .map(StoredRoomHistory::line)
                    .toList();
        } catch (StorageException e) {
            throw new HistoryUnavailableException(e.getMessage(), e);
        }
    }

    private static ChatLine line(StoredMessage m) {
        return new ChatLine(
                m.id(),
                m.conversation(),
                m.sender(),
                m.text(),
                Instant.ofEpochMilli(m.timestampMillis()));
    }
}
