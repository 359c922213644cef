package dev.parley.client.internal.store;

import dev.parley.client.store.HistoryEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Plaintext of the records in a conversation log.
 *
 * <pre>
 *   header (record 0) := 0x48 'H' || version (u8 = 1) || utf(server) || utf(conversation)
 *   entry  (record n) := 0x45 'E' || version (u8 = 1) || kind (u8: 0 room, 1 direct)
 *                        || id (i64) || timestamp (i64) || utf(from) || utf(to) || utf(text)
 *   utf(s) := DataOutput.writeUTF (u16 length || modified UTF-8)
 * </pre>
 */
public final class EntryCodec {
    private static final int HEADER = 'H';
    private static final int ENTRY = 'E';
    private static final int VERSION = 1;

    /** The first record of a log: which server and conversation the file belongs to. */
    public record Header(String server, String conversation) {}

    private EntryCodec() {}

    public static byte[] encodeHeader(Header h) {
        return write(
                out -> {
                    out.writeByte(HEADER);
                    out.writeByte(VERSION);
                    out.writeUTF(h.server());
                    out.writeUTF(h.conversation());
                });
    }

    public static byte[] encodeEntry(HistoryEntry e) {
        return write(
                out -> {
                    out.writeByte(ENTRY);
                    out.writeByte(VERSION);
                    out.writeByte(e.kind() == HistoryEntry.Kind.ROOM ? 0 : 1);
                    out.writeLong(e.id());
                    out.writeLong(e.timestamp());
                    out.writeUTF(e.from());
                    out.writeUTF(e.to());
                    out.writeUTF(e.text());
                });
    }

    public static Header decodeHeader(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        if (in.readUnsignedByte() != HEADER || in.readUnsignedByte() != VERSION) {
            throw new IOException("not a conversation log header");
        }
        return new Header(in.readUTF(), in.readUTF());
    }

    public static HistoryEntry decodeEntry(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        if (in.readUnsignedByte() != ENTRY || in.readUnsignedByte() != VERSION) {
            throw new IOException("not a history entry");
        }
        int kind = in.readUnsignedByte();
        if (kind > 1) {
            throw new IOException("unknown history entry kind");
        }
        long id = in.readLong();
        long ts = in.readLong();
        try {
            return new HistoryEntry(
                    kind == 0 ? HistoryEntry.Kind.ROOM : HistoryEntry.Kind.DIRECT,
                    id,
                    ts,
                    in.readUTF(),
                    in.readUTF(),
                    in.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid history entry");
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.write(out);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "history entry field too long"); // > 64 KiB of modified UTF-8
        }
        return bytes.toByteArray();
    }
}
