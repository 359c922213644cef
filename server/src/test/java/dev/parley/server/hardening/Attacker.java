package dev.parley.server.hardening;

import dev.parley.server.testing.RawWebSocket;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import dev.parley.themis.internal.container.SoterContainer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@link Attack} over raw sockets from a chosen loopback address and reports the close
 * code it saw. Thread-safe (no shared mutable state apart from the name counter).
 */
final class Attacker {
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final byte[] OFF_CURVE_KEY = offCurveKey();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final int port;
    private final PublicKey serverKey;
    private final int maxFrameBytes;

    Attacker(int port, PublicKey serverKey, int maxFrameBytes) {
        this.port = port;
        this.serverKey = serverKey;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** What happened: the close code seen (0 none, -1 reset or timeout), and a socket left open. */
    record Result(int closeCode, RawWebSocket parked) {}

    /**
     * Runs {@code attack} from {@code from}. SLOW_READER and SILENT_WEBSOCKET return their open
     * socket in {@link Result#parked()} for the caller to watch and close.
     */
    Result run(Attack attack, InetAddress from) throws IOException, SecureSessionException {
        String name = "h" + NAMES.incrementAndGet();
        switch (attack) {
            case DROP_BEFORE_UPGRADE -> {
                try (Socket s = tcp(from)) {
                    OutputStream out = s.getOutputStream();
                    out.write(
                            "GET / HTTP/1.1\r\nHost: x\r\nUpgr"
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                return new Result(0, null);
            }
            case SILENT_TCP -> {
                try (Socket s = tcp(from)) {
                    s.setSoTimeout((int) WAIT.toMillis());
                    // the server cuts a socket that never upgrades: end of stream
                    return new Result(s.getInputStream().read() < 0 ? 0 : -1, null);
                } catch (IOException e) {
                    return new Result(0, null); // reset also counts as cut
                }
            }
            default -> {
                // everything else is over a WebSocket
            }
        }
        boolean v2 = attack == Attack.TEXT_ON_V2 || attack.name().startsWith("V2_");
        int receiveBuffer = attack == Attack.SLOW_READER ? 4096 : 0;
        RawWebSocket ws = RawWebSocket.connect(port, v2 ? "parley.v2" : null, receiveBuffer, from);
        try {
            switch (attack) {
                case NOT_UTF8 ->
                        ws.send(RawWebSocket.TEXT, new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28});
                case NO_COLON -> ws.sendText(name + freshKey());
                case EMPTY_NAME -> ws.sendText(":" + freshKey());
                case OVERLONG_NAME -> ws.sendText("n".repeat(33) + ":" + freshKey());
                case BAD_BASE64 -> ws.sendText(name + ":not*base64!");
                case BAD_KEY_CONTAINER -> {
                    byte[] junk = new byte[45];
                    Arrays.fill(junk, (byte) 7);
                    ws.sendText(name + ":" + B64.encodeToString(junk));
                }
                case KEY_OFF_CURVE -> ws.sendText(name + ":" + B64.encodeToString(OFF_CURVE_KEY));
                case SESSION_ID_NOT_NAME -> {
                    KeyPair keys = KeyPair.generate();
                    ws.sendText(name + ":" + keys.publicKey().toBase64());
                    SecureSession s =
                            SecureSession.create(
                                    (name + "x").getBytes(StandardCharsets.UTF_8),
                                    keys.privateKey(),
                                    id -> serverKey);
                    ws.sendText(B64.encodeToString(s.connectRequest()));
                }
                case HANDSHAKE_OUT_OF_ORDER -> {
                    KeyPair keys = KeyPair.generate();
                    ws.sendText(name + ":" + keys.publicKey().toBase64());
                    SecureSession s = session(name, keys);
                    String m1 = B64.encodeToString(s.connectRequest());
                    ws.sendText(m1);
                    ws.read(WAIT); // m2
                    ws.sendText(m1); // m1 again where m3 belongs
                }
                case GARBAGE_AFTER_HANDSHAKE -> {
                    establish(ws, name, KeyPair.generate(), null);
                    ws.sendText(B64.encodeToString(new byte[80]));
                }
                case BINARY_ON_V1 ->
                        ws.send(
                                RawWebSocket.BINARY,
                                (name + ":" + freshKey()).getBytes(StandardCharsets.UTF_8));
                case TEXT_ON_V2 -> ws.sendText(name + ":" + freshKey());
                case V2_HELLO_NOT_UTF8 ->
                        ws.send(
                                RawWebSocket.BINARY,
                                new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28});
                case V2_NO_COLON ->
                        ws.send(
                                RawWebSocket.BINARY,
                                (name + freshKey()).getBytes(StandardCharsets.UTF_8));
                case V2_GARBAGE_AFTER_HANDSHAKE -> {
                    establishV2(ws, name);
                    ws.send(RawWebSocket.BINARY, new byte[80]);
                }
                case V2_REPLAYED_DATA_FRAME -> {
                    SecureSession s = establishV2(ws, name);
                    byte[] frame = s.wrap("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
                    ws.send(RawWebSocket.BINARY, frame);
                    ws.send(RawWebSocket.BINARY, frame);
                }
                case OVERSIZED_FRAME -> sendIgnoringReset(ws, "x".repeat(maxFrameBytes + 1000));
                case FLOOD -> {
                    SecureSession s = establish(ws, name, KeyPair.generate(), null);
                    for (int i = 0; i < 60; i++) {
                        if (!sendIgnoringReset(
                                ws,
                                B64.encodeToString(
                                        s.wrap(("/who " + i).getBytes(StandardCharsets.UTF_8))))) {
                            break;
                        }
                    }
                }
                case REPLAYED_DATA_FRAME -> {
                    SecureSession s = establish(ws, name, KeyPair.generate(), null);
                    String frame =
                            B64.encodeToString(s.wrap("/who".getBytes(StandardCharsets.UTF_8)));
                    ws.sendText(frame);
                    ws.sendText(frame);
                }
                case REPLAYED_HANDSHAKE -> {
                    String[] captured = new String[3];
                    establish(ws, name, KeyPair.generate(), captured);
                    ws.send(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000, then gone
                    ws.close();
                    ws = RawWebSocket.connect(port, null, 0, from);
                    ws.sendText(captured[0]);
                    ws.sendText(captured[1]);
                    ws.read(WAIT); // a fresh m2
                    ws.sendText(captured[2]); // the captured m3 answers another m2
                }
                case DROP_AFTER_UPGRADE -> {
                    dropHalfWithReset(ws, name);
                    return new Result(0, null);
                }
                case DROP_AFTER_HELLO -> {
                    ws.sendText(name + ":" + freshKey());
                    dropHalfWithReset(ws, name);
                    return new Result(0, null);
                }
                case SLOW_READER -> {
                    SecureSession s = establish(ws, name, KeyPair.generate(), null);
                    ws.sendText(
                            B64.encodeToString(
                                    s.wrap("/join slow".getBytes(StandardCharsets.UTF_8))));
                    askForHistory(ws, s, 20);
                    return new Result(0, ws);
                }
                case SILENT_WEBSOCKET, OVER_ADDRESS_CAP -> {
                    return new Result(0, ws);
                }
                default -> throw new IllegalStateException(attack.name());
            }
            RawWebSocket.Frame close = ws.awaitClose(WAIT);
            return new Result(close == null ? -1 : close.closeCode(), null);
        } finally {
            if (attack != Attack.SLOW_READER
                    && attack != Attack.SILENT_WEBSOCKET
                    && attack != Attack.OVER_ADDRESS_CAP) {
                ws.close();
            }
        }
    }

    /**
     * A reader that never reads: establishes over a socket with a 4 KiB receive buffer, sends
     * {@code /history 100} {@code requests} times and returns the socket (never read it).
     */
    RawWebSocket historyHog(InetAddress from, int requests)
            throws IOException, SecureSessionException {
        RawWebSocket ws = RawWebSocket.connect(port, null, 4096, from);
        askForHistory(
                ws,
                establish(ws, "hog" + NAMES.incrementAndGet(), KeyPair.generate(), null),
                requests);
        return ws;
    }

    private static void askForHistory(RawWebSocket ws, SecureSession s, int requests)
            throws IOException {
        for (int i = 0; i < requests; i++) {
            ws.sendText(
                    B64.encodeToString(s.wrap("/history 100".getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static void dropHalfWithReset(RawWebSocket ws, String name) throws IOException {
        if ((name.hashCode() & 1) == 0) {
            ws.abort();
        } else {
            ws.close();
        }
    }

    /** False once the server has reset the connection. */
    private static boolean sendIgnoringReset(RawWebSocket ws, String text) {
        try {
            ws.sendText(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Socket tcp(InetAddress from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    private SecureSession session(String name, KeyPair keys) {
        return SecureSession.create(
                name.getBytes(StandardCharsets.UTF_8), keys.privateKey(), id -> serverKey);
    }

    /** Hello and handshake; {@code captured} (if not null) gets the hello, m1 and m3 as sent. */
    private SecureSession establish(RawWebSocket ws, String name, KeyPair keys, String[] captured)
            throws IOException, SecureSessionException {
        String hello = name + ":" + keys.publicKey().toBase64();
        ws.sendText(hello);
        SecureSession s = session(name, keys);
        String m1 = B64.encodeToString(s.connectRequest());
        ws.sendText(m1);
        String m3 = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!s.isEstablished() && System.nanoTime() < deadline) {
            RawWebSocket.Frame f = ws.read(WAIT);
            if (f == null || f.opcode() != RawWebSocket.TEXT) {
                throw new IOException(
                        "handshake did not finish: " + (f == null ? "timeout" : f.closeCode()));
            }
            UnwrapResult r = s.unwrap(Base64.getDecoder().decode(f.text()));
            if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                m3 = B64.encodeToString(r.data());
                ws.sendText(m3);
            }
        }
        if (!s.isEstablished()) {
            throw new IOException("handshake timed out");
        }
        if (captured != null) {
            captured[0] = hello;
            captured[1] = m1;
            captured[2] = m3;
        }
        return s;
    }

    /** The v2 hello and handshake: the same messages in binary frames, no base64. */
    private SecureSession establishV2(RawWebSocket ws, String name)
            throws IOException, SecureSessionException {
        KeyPair keys = KeyPair.generate();
        ws.send(
                RawWebSocket.BINARY,
                (name + ":" + keys.publicKey().toBase64()).getBytes(StandardCharsets.UTF_8));
        SecureSession s = session(name, keys);
        ws.send(RawWebSocket.BINARY, s.connectRequest());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!s.isEstablished() && System.nanoTime() < deadline) {
            RawWebSocket.Frame f = ws.read(WAIT);
            if (f == null || f.opcode() != RawWebSocket.BINARY) {
                throw new IOException(
                        "v2 handshake did not finish: " + (f == null ? "timeout" : f.closeCode()));
            }
            UnwrapResult r = s.unwrap(f.payload());
            if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                ws.send(RawWebSocket.BINARY, r.data());
            }
        }
        if (!s.isEstablished()) {
            throw new IOException("v2 handshake timed out");
        }
        return s;
    }

    private static String freshKey() {
        return KeyPair.generate().publicKey().toBase64();
    }

    /** A well-formed UEC2 container whose x has no point on P-256. */
    private static byte[] offCurveKey() {
        for (int x = 1; x < 1000; x++) {
            byte[] point = new byte[33];
            point[0] = 2;
            point[32] = (byte) x;
            byte[] container = SoterContainer.build("UEC2", point);
            try {
                PublicKey.fromBytes(container);
            } catch (KeyFormatException e) {
                if (e.getMessage().contains("not on P-256")) {
                    return container;
                }
            }
        }
        throw new AssertionError("no off-curve x found");
    }

    /** The attack mix in a fixed, interleaved order: {@code rounds} of every repeatable attack. */
    static List<Attack> mix(int rounds) {
        List<Attack> repeatable =
                Arrays.stream(Attack.values())
                        .filter(
                                a ->
                                        a != Attack.SLOW_READER
                                                && a != Attack.SILENT_WEBSOCKET
                                                && a != Attack.OVER_ADDRESS_CAP
                                                && a != Attack.SILENT_TCP)
                        .toList();
        List<Attack> all = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            all.addAll(repeatable);
        }
        return all;
    }
}
