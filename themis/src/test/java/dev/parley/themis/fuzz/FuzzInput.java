package dev.parley.themis.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Splits one fuzzer input into several byte fields, so a target can take e.g. a context and a cell
 * from a single {@code byte[]}. Layout: fields prefixed by one length byte ({@link #field}) or two
 * ({@link #longField}, big-endian), then {@link #rest}. A length running past the end is cut short,
 * so every input splits somehow. {@link #join}/{@link #joinLong} build seeds.
 */
final class FuzzInput {
    private final byte[] data;
    private int pos;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    /** A field of 0..255 bytes. */
    byte[] field() {
        if (pos >= data.length) {
            return new byte[0];
        }
        return take(data[pos++] & 0xFF);
    }

    /** A field of 0..65535 bytes. */
    byte[] longField() {
        if (pos + 2 > data.length) {
            pos = data.length;
            return new byte[0];
        }
        int n = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return take(n);
    }

    boolean hasMore() {
        return pos < data.length;
    }

    /** Everything not consumed yet. */
    byte[] rest() {
        return take(data.length - pos);
    }

    private byte[] take(int n) {
        int end = Math.min(data.length, pos + n);
        byte[] out = Arrays.copyOfRange(data, pos, end);
        pos = end;
        return out;
    }

    /** Seed layout for {@code field()...field(), rest()}: every part but the last is a field. */
    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            byte[] p = parts[i] == null ? new byte[0] : parts[i];
            if (i < parts.length - 1) {
                if (p.length > 255) {
                    throw new IllegalArgumentException("field longer than 255 bytes");
                }
                out.write(p.length);
            }
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Seed layout for a sequence of {@code longField()}s. */
    static byte[] joinLong(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            if (p.length > 65535) {
                throw new IllegalArgumentException("field longer than 65535 bytes");
            }
            out.write(p.length >>> 8);
            out.write(p.length);
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
