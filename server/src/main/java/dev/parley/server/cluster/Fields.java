package dev.parley.server.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The plaintext layout inside every sealed cluster value: big-endian integers and strings as {@code
 * uint32 length | UTF-8}. Reading validates every length against what is left, so a value that
 * decrypted but is malformed (a bug or another version) raises {@link Malformed}, never an index or
 * allocation error.
 */
final class Fields {
    private Fields() {}

    /** A sealed value opened fine but its fields are not what this version writes. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer i64(long v) {
            out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
            return this;
        }

        Writer i32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
            return this;
        }

        Writer bytes(byte[] b) {
            i32(b.length);
            out.writeBytes(b);
            return this;
        }

        Writer string(String s) {
            return bytes(utf8(s));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] data) {
            this.in = ByteBuffer.wrap(data);
        }

        int u8() throws Malformed {
            need(1);
            return Byte.toUnsignedInt(in.get());
        }

        long i64() throws Malformed {
            need(8);
            return in.getLong();
        }

        int i32() throws Malformed {
            need(4);
            return in.getInt();
        }

        byte[] bytes() throws Malformed {
            int n = i32();
            if (n < 0) {
                throw new Malformed("negative length");
            }
            need(n);
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        String string() throws Malformed {
            byte[] b = bytes();
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new Malformed("not UTF-8");
            }
        }

        void end() throws Malformed {
            if (in.hasRemaining()) {
                throw new Malformed("trailing bytes");
            }
        }

        private void need(int n) throws Malformed {
            if (in.remaining() < n) {
                throw new Malformed("truncated");
            }
        }
    }

    /** Strict UTF-8: an unpaired surrogate is a caller bug, not something to store as '?'. */
    static byte[] utf8(String s) {
        try {
            ByteBuffer b =
                    StandardCharsets.UTF_8
                            .newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not well-formed UTF-16");
        }
    }
}
