package dev.parley.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A deliberately minimal RFC 6455 client over a plain socket, for inputs the JDK client will not
 * send (invalid UTF-8, oversized frames) and for a reader that stops reading.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A received frame; for close frames {@link #closeCode()} and {@link #closeReason()}. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String closeReason() {
            return payload.length > 2
                    ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                    : "";
        }
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades; {@code receiveBuffer} > 0 shrinks the socket's receive buffer. */
    public static RawWebSocket connect(int port, String subprotocol, int receiveBuffer)
            throws IOException {
        return connect(port, subprotocol, receiveBuffer, null);
    }

    /**
     * Connects from {@code localAddress} (e.g. 127.0.0.7, for per-address limits; null: any) and
     * upgrades.
     */
    public static RawWebSocket connect(
            int port, String subprotocol, int receiveBuffer, java.net.InetAddress localAddress)
            throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        RawWebSocket ws = new RawWebSocket(s);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String req =
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:"
                        + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(nonce)
                        + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n"
                        + (subprotocol == null
                                ? ""
                                : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
                        + "\r\n";
        ws.out.write(req.getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String status = ws.readLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("upgrade refused: " + status);
        }
        while (!ws.readLine().isEmpty()) {
            // headers
        }
        return ws;
    }

    public static RawWebSocket connect(int port) throws IOException {
        return connect(port, null, 0);
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed during upgrade");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one final, masked frame. */
    public synchronized void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** The next data or close frame (answers pings), or null on timeout / end of stream. */
    public Frame read(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) left);
            int b0;
            try {
                b0 = in.read();
            } catch (SocketTimeoutException e) {
                return null;
            } catch (IOException e) {
                return null; // reset
            }
            if (b0 < 0) {
                return null;
            }
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            int opcode = b0 & 0x0f;
            if (opcode == PING) {
                send(PONG, payload);
                continue;
            }
            return new Frame(opcode, payload);
        }
    }

    /** Reads until a close frame arrives (skipping data); null if none within the timeout. */
    public Frame awaitClose(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f == null) {
                return null;
            }
            if (f.opcode() == CLOSE) {
                return f;
            }
        }
        return null;
    }

    /** True once the server has closed the TCP connection (read returns end of stream). */
    public boolean isClosedByPeer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read(new byte[8192]) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /** Drops the connection with a TCP reset (no close frame, no FIN). */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
