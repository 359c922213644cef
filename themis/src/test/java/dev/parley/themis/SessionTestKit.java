package dev.parley.themis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Keys, ids, a settable clock and handshake helpers for the Secure Session tests. */
final class SessionTestKit {
    static final byte[] CLIENT_ID = "alice@chat.example".getBytes(StandardCharsets.UTF_8);
    static final byte[] SERVER_ID = "chat-server".getBytes(StandardCharsets.UTF_8);
    static final KeyPair CLIENT_KEYS = KeyPair.generate();
    static final KeyPair SERVER_KEYS = KeyPair.generate();
    static final long START = 1_795_759_104L;

    private SessionTestKit() {}

    /** A clock that stands still until told to move. */
    static final class FakeClock extends Clock {
        private long epochSecond;

        FakeClock(long epochSecond) {
            this.epochSecond = epochSecond;
        }

        void set(long second) {
            epochSecond = second;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(epochSecond);
        }
    }

    /** The client and server of one session, with the handshake messages they exchanged. */
    record Pair(
            SecureSession client,
            SecureSession server,
            byte[] m1,
            byte[] m2,
            byte[] m3,
            byte[] m4) {}

    static SecureSession.Builder clientBuilder() {
        return SecureSession.builder(
                CLIENT_ID,
                CLIENT_KEYS.privateKey(),
                id -> java.util.Arrays.equals(id, SERVER_ID) ? SERVER_KEYS.publicKey() : null);
    }

    static SecureSession.Builder serverBuilder() {
        return SecureSession.builder(
                SERVER_ID,
                SERVER_KEYS.privateKey(),
                id -> java.util.Arrays.equals(id, CLIENT_ID) ? CLIENT_KEYS.publicKey() : null);
    }

    static Pair establish() {
        return establish(clientBuilder().build(), serverBuilder().build());
    }

    static Pair establish(boolean strict, Clock clientClock, Clock serverClock) {
        return establish(
                clientBuilder().strictReplayProtection(strict).clock(clientClock).build(),
                serverBuilder().strictReplayProtection(strict).clock(serverClock).build());
    }

    static Pair establish(SecureSession client, SecureSession server) {
        try {
            byte[] m1 = client.connectRequest();
            byte[] m2 = protocolData(server.unwrap(m1));
            byte[] m3 = protocolData(client.unwrap(m2));
            byte[] m4 = protocolData(server.unwrap(m3));
            assertThat(client.unwrap(m4).type()).isEqualTo(UnwrapResult.Type.NO_DATA);
            return new Pair(client, server, m1, m2, m3, m4);
        } catch (SecureSessionException e) {
            throw new AssertionError("handshake failed", e);
        }
    }

    static byte[] protocolData(UnwrapResult r) {
        assertThat(r.type()).isEqualTo(UnwrapResult.Type.PROTOCOL_DATA);
        return r.data();
    }

    static byte[] userData(UnwrapResult r) {
        assertThat(r.type()).isEqualTo(UnwrapResult.Type.USER_DATA);
        return r.data();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bit masks each mutation sweep applies to every byte: the lowest bit, and all bits. */
    static final int[] FLIP_MASKS = {0x01, 0xFF};

    static byte[] flip(byte[] b, int index, int mask) {
        byte[] c = b.clone();
        c[index] ^= (byte) mask;
        return c;
    }
}
