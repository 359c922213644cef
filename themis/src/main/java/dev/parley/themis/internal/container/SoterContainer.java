package dev.parley.themis.internal.container;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The Soter container that wraps Themis keys and Secure Session negotiation messages.
 *
 * <pre>
 *  0        4        8        12
 *  +--------+--------+--------+---------------------+
 *  |  tag   | size   | crc    | payload ...         |
 *  | ASCII  | BE32   | LE32   | size - 12 bytes     |
 *  +--------+--------+--------+---------------------+
 * </pre>
 *
 * {@code size} counts the whole container, header included. {@code crc} is CRC-32C over all {@code
 * size} bytes with the crc field zeroed, stored little-endian.
 *
 * <p>Instances are views over a caller's array (no copy); {@link #payload()} copies.
 */
public final class SoterContainer {
    public static final int HEADER_LENGTH = 12;
    private static final int TAG_LENGTH = 4;
    private static final int SIZE_OFFSET = 4;
    private static final int CRC_OFFSET = 8;

    private final byte[] buffer;
    private final int offset;
    private final int size;

    private SoterContainer(byte[] buffer, int offset, int size) {
        this.buffer = buffer;
        this.offset = offset;
        this.size = size;
    }

    /** Wraps {@code payload} in a container with the given 4-character ASCII tag. */
    public static byte[] build(String tag, byte[] payload) {
        return build(tag, payload, 0, payload.length);
    }

    public static byte[] build(String tag, byte[] payload, int from, int length) {
        byte[] tagBytes = tag.getBytes(StandardCharsets.US_ASCII);
        if (tagBytes.length != TAG_LENGTH) {
            throw new IllegalArgumentException("container tag must be 4 ASCII characters");
        }
        byte[] out = new byte[HEADER_LENGTH + length];
        System.arraycopy(tagBytes, 0, out, 0, TAG_LENGTH);
        writeBe32(out, SIZE_OFFSET, out.length);
        System.arraycopy(payload, from, out, HEADER_LENGTH, length);
        writeLe32(out, CRC_OFFSET, checksum(out, 0, out.length));
        return out;
    }

    /**
     * Parses the container that starts at {@code offset}. The size field must fit in {@code
     * [offset, limit)}; bytes after the container are the caller's business.
     */
    public static SoterContainer parse(byte[] buffer, int offset, int limit)
            throws ContainerFormatException {
        if (offset < 0 || limit > buffer.length || limit - offset < HEADER_LENGTH) {
            throw new ContainerFormatException("container shorter than its 12-byte header");
        }
        long size = readBe32(buffer, offset + SIZE_OFFSET);
        if (size < HEADER_LENGTH || size > limit - offset) {
            throw new ContainerFormatException("container size field out of range");
        }
        SoterContainer container = new SoterContainer(buffer, offset, (int) size);
        if (checksum(buffer, offset, (int) size) != readLe32(buffer, offset + CRC_OFFSET)) {
            throw new ContainerFormatException("container checksum mismatch");
        }
        return container;
    }

    /** Parses a buffer that must be exactly one container. */
    public static SoterContainer parseExact(byte[] buffer) throws ContainerFormatException {
        SoterContainer c = parse(buffer, 0, buffer.length);
        if (c.size != buffer.length) {
            throw new ContainerFormatException("trailing bytes after container");
        }
        return c;
    }

    public boolean hasTag(String tag) {
        return tagStartsWith(tag);
    }

    public boolean tagStartsWith(String prefix) {
        if (prefix.length() > TAG_LENGTH) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buffer[offset + i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The fourth tag byte (the curve digit of EC key tags). */
    public byte tagByte(int index) {
        return buffer[offset + index];
    }

    /** Whole container length, header included. */
    public int size() {
        return size;
    }

    public int payloadOffset() {
        return offset + HEADER_LENGTH;
    }

    public int payloadLength() {
        return size - HEADER_LENGTH;
    }

    /** Offset just past this container in the underlying buffer. */
    public int end() {
        return offset + size;
    }

    public byte[] payload() {
        byte[] out = new byte[payloadLength()];
        System.arraycopy(buffer, payloadOffset(), out, 0, out.length);
        return out;
    }

    /** A copy of the whole container, header included. */
    public byte[] bytes() {
        byte[] out = new byte[size];
        System.arraycopy(buffer, offset, out, 0, size);
        return out;
    }

    private static int checksum(byte[] buffer, int offset, int size) {
        CRC32C crc = new CRC32C();
        crc.update(buffer, offset, CRC_OFFSET);
        crc.update(new byte[4], 0, 4);
        crc.update(buffer, offset + HEADER_LENGTH, size - HEADER_LENGTH);
        return (int) crc.getValue();
    }

    private static long readBe32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24)
                | ((b[i + 1] & 0xFFL) << 16)
                | ((b[i + 2] & 0xFFL) << 8)
                | (b[i + 3] & 0xFFL);
    }

    private static int readLe32(byte[] b, int i) {
        return (b[i] & 0xFF)
                | ((b[i + 1] & 0xFF) << 8)
                | ((b[i + 2] & 0xFF) << 16)
                | ((b[i + 3] & 0xFF) << 24);
    }

    private static void writeBe32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    private static void writeLe32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
