package dev.parley.client.store;

import dev.parley.client.internal.store.EntryCodec;
import dev.parley.client.internal.store.RecordLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The local history of one conversation (a room or a direct-message peer) on one server: an
 * append-only encrypted file whose name is a keyed hash, so neither names nor text are on disk in
 * plaintext. Survives a crash mid-append (see {@link RecordLog}).
 *
 * <p>Not thread-safe: use from one thread, or synchronize externally.
 */
public final class ConversationLog {
    private final RecordLog log;
    private final String server;
    private final String conversation;
    private final List<HistoryEntry> entries;

    private ConversationLog(
            RecordLog log, String server, String conversation, List<HistoryEntry> entries) {
        this.log = log;
        this.server = server;
        this.conversation = conversation;
        this.entries = entries;
    }

    static ConversationLog open(RecordLog log, String server, String conversation)
            throws IOException {
        List<HistoryEntry> entries = new ArrayList<>();
        List<byte[]> records = log.records();
        if (!records.isEmpty()) {
            EntryCodec.Header h = EntryCodec.decodeHeader(records.get(0));
            if (server != null
                    && (!h.server().equals(server) || !h.conversation().equals(conversation))) {
                throw new IOException("history file belongs to another conversation");
            }
            server = h.server();
            conversation = h.conversation();
            for (int i = 1; i < records.size(); i++) {
                entries.add(EntryCodec.decodeEntry(records.get(i)));
            }
        }
        return new ConversationLog(log, server, conversation, entries);
    }

    public String server() {
        return server;
    }

    public String conversation() {
        return conversation;
    }

    /** Every stored entry, oldest first. */
    public List<HistoryEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The largest server message id stored, or -1 when none. */
    public long lastId() {
        long max = -1;
        for (HistoryEntry e : entries) {
            max = Math.max(max, e.id());
        }
        return max;
    }

    /** Whether opening found a torn last record (which the next append cuts away). */
    public boolean hadTornTail() {
        return log.hadTornTail();
    }

    /** Appends {@code entry} durably. */
    public void append(HistoryEntry entry) throws IOException {
        Objects.requireNonNull(entry, "entry");
        if (log.size() == 0) {
            log.append(EntryCodec.encodeHeader(new EntryCodec.Header(server, conversation)));
        }
        log.append(EntryCodec.encodeEntry(entry));
        entries.add(entry);
    }
}
