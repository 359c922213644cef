package dev.parley.themis.internal.util;

/** Fixed-width integer reads and writes in both byte orders; plus small array helpers. */
public final class Bytes {
    private Bytes() {}

    public static long readLe32(byte[] b, int i) {
        return (b[i] & 0xFFL)
                | ((b[i + 1] & 0xFFL) << 8)
                | ((b[i + 2] & 0xFFL) << 16)
                | ((b[i + 3] & 0xFFL) << 24);
    }

    public static int readLe16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    public static long readBe32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24)
                | ((b[i + 1] & 0xFFL) << 16)
                | ((b[i + 2] & 0xFFL) << 8)
                | (b[i + 3] & 0xFFL);
    }

    public static long readBe64(byte[] b, int i) {
        return (readBe32(b, i) << 32) | readBe32(b, i + 4);
    }

    public static void writeLe32(byte[] b, int i, long v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    public static void writeLe16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    public static void writeBe32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    public static void writeBe64(byte[] b, int i, long v) {
        writeBe32(b, i, v >>> 32);
        writeBe32(b, i + 4, v);
    }

    public static byte[] le32(long v) {
        byte[] b = new byte[4];
        writeLe32(b, 0, v);
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    public static byte[] slice(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, from, out, 0, length);
        return out;
    }
}
