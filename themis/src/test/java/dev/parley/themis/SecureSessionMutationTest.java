package dev.parley.themis;

import static dev.parley.themis.SessionTestKit.FLIP_MASKS;
import static dev.parley.themis.SessionTestKit.clientBuilder;
import static dev.parley.themis.SessionTestKit.flip;
import static dev.parley.themis.SessionTestKit.protocolData;
import static dev.parley.themis.SessionTestKit.serverBuilder;
import static dev.parley.themis.SessionTestKit.userData;
import static dev.parley.themis.SessionTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SecureSession.State;
import dev.parley.themis.internal.container.SoterContainer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every byte of every message flipped, every truncation, garbage: always a {@link
 * SecureSessionException}, never another exception, and the session still accepts the genuine
 * message afterwards.
 */
class SecureSessionMutationTest {
    /** IV bytes 12..15 of a data message (frame offsets 16..19) are not used by Themis. */
    private static final int UNUSED_IV_FROM = 16;

    private static final int UNUSED_IV_TO = 20;

    private final SecureSession client = clientBuilder().build();
    private final SecureSession server = serverBuilder().build();

    @Test
    void everyFlippedByteOfEveryHandshakeMessageIsRejected() throws Exception {
        byte[] m1 = client.connectRequest();
        rejectsEveryMutation(server, m1, State.IDLE);
        byte[] m2 = protocolData(server.unwrap(m1));
        rejectsEveryMutation(client, m2, State.NEGOTIATING);
        byte[] m3 = protocolData(client.unwrap(m2));
        rejectsEveryMutation(server, m3, State.NEGOTIATING);
        byte[] m4 = protocolData(server.unwrap(m3));
        rejectsEveryMutation(client, m4, State.NEGOTIATING);
        assertThat(client.unwrap(m4).type()).isEqualTo(UnwrapResult.Type.NO_DATA);
        assertThat(userData(server.unwrap(client.wrap(utf8("works"))))).isEqualTo(utf8("works"));
    }

    /**
     * The CRC alone would catch any flipped byte, so flip every payload byte and then repair the
     * outer checksum: inner containers, the ephemeral key, signatures and MACs must catch it.
     */
    @Test
    void everyFlippedPayloadByteIsRejectedEvenWithARepairedChecksum() throws Exception {
        byte[] m1 = client.connectRequest();
        rejectsEveryPayloadMutation(server, m1, State.IDLE);
        byte[] m2 = protocolData(server.unwrap(m1));
        rejectsEveryPayloadMutation(client, m2, State.NEGOTIATING);
        byte[] m3 = protocolData(client.unwrap(m2));
        rejectsEveryPayloadMutation(server, m3, State.NEGOTIATING);
        byte[] m4 = protocolData(server.unwrap(m3));
        rejectsEveryPayloadMutation(client, m4, State.NEGOTIATING);
        client.unwrap(m4);
        assertThat(client.isEstablished()).isTrue();
    }

    @Test
    void everyFlippedAuthenticatedByteOfADataMessageIsRejected() throws Exception {
        SessionTestKit.Pair p = SessionTestKit.establish(client, server);
        byte[] frame = p.client().wrap(utf8("a message worth tampering with"));
        for (int mask : FLIP_MASKS) {
            for (int i = 0; i < frame.length; i++) {
                if (i >= UNUSED_IV_FROM && i < UNUSED_IV_TO) {
                    continue;
                }
                byte[] bad = flip(frame, i, mask);
                assertThatThrownBy(() -> p.server().unwrap(bad))
                        .as("byte %d", i)
                        .isExactlyInstanceOf(SecureSessionException.class);
            }
        }
        assertThat(userData(p.server().unwrap(frame)))
                .isEqualTo(utf8("a message worth tampering with"));
    }

    /**
     * Themis ignores IV bytes 12..15, so a frame that differs only there is the same authentic
     * message: it is delivered, once.
     */
    @Test
    void unusedIvBytesAreIgnoredButTheMessageIsDeliveredOnlyOnce() throws Exception {
        SessionTestKit.Pair p = SessionTestKit.establish(client, server);
        byte[] frame = p.client().wrap(utf8("same message"));
        assertThat(userData(p.server().unwrap(flip(frame, UNUSED_IV_FROM, 0xFF))))
                .isEqualTo(utf8("same message"));
        for (int i = UNUSED_IV_FROM; i < UNUSED_IV_TO; i++) {
            byte[] variant = flip(frame, i, 0x01);
            assertThatThrownBy(() -> p.server().unwrap(variant))
                    .isInstanceOf(ReplayedMessageException.class);
        }
        assertThatThrownBy(() -> p.server().unwrap(frame))
                .isInstanceOf(ReplayedMessageException.class);
    }

    @Test
    void everyTruncationIsRejected() throws Exception {
        byte[] m1 = client.connectRequest();
        rejectsEveryTruncation(server, m1);
        byte[] m2 = protocolData(server.unwrap(m1));
        rejectsEveryTruncation(client, m2);
        byte[] m3 = protocolData(client.unwrap(m2));
        rejectsEveryTruncation(server, m3);
        byte[] m4 = protocolData(server.unwrap(m3));
        rejectsEveryTruncation(client, m4);
        client.unwrap(m4);
        byte[] frame = client.wrap(utf8("truncate me"));
        rejectsEveryTruncation(server, frame);
        assertThat(userData(server.unwrap(frame))).isEqualTo(utf8("truncate me"));
    }

    @Test
    void trailingBytesAreRejected() throws Exception {
        byte[] m1 = client.connectRequest();
        assertThatThrownBy(() -> server.unwrap(Arrays.copyOf(m1, m1.length + 1)))
                .isExactlyInstanceOf(SecureSessionException.class);
        byte[] m2 = protocolData(server.unwrap(m1));
        byte[] m3 = protocolData(client.unwrap(m2));
        byte[] m4 = protocolData(server.unwrap(m3));
        client.unwrap(m4);
        byte[] frame = client.wrap(utf8("exact"));
        assertThatThrownBy(() -> server.unwrap(Arrays.copyOf(frame, frame.length + 1)))
                .isExactlyInstanceOf(SecureSessionException.class);
        assertThat(userData(server.unwrap(frame))).isEqualTo(utf8("exact"));
    }

    @Test
    void garbageIsRejectedInEveryState() throws Exception {
        Random random = new Random(42);
        SecureSession idleServer = serverBuilder().build();
        SecureSession waitingClient = clientBuilder().build();
        waitingClient.connectRequest();
        SessionTestKit.Pair p = SessionTestKit.establish(client, server);
        for (SecureSession s :
                new SecureSession[] {idleServer, waitingClient, p.client(), p.server()}) {
            for (int len : new int[] {0, 1, 3, 4, 11, 12, 13, 44, 51, 52, 53, 148, 1000, 70_000}) {
                byte[] junk = new byte[len];
                random.nextBytes(junk);
                assertThatThrownBy(() -> s.unwrap(junk))
                        .isExactlyInstanceOf(SecureSessionException.class);
                if (len >= 12) {
                    byte[] fakeContainer = junk.clone();
                    System.arraycopy(utf8("TSPM"), 0, fakeContainer, 0, 4);
                    assertThatThrownBy(() -> s.unwrap(fakeContainer))
                            .isExactlyInstanceOf(SecureSessionException.class);
                }
            }
        }
        assertThat(idleServer.state()).isEqualTo(State.IDLE);
    }

    /** Inner size fields that point past the message must not read out of bounds. */
    @Test
    void innerContainerSizesBeyondTheMessageAreRejected() throws Exception {
        byte[] m1 = client.connectRequest();
        byte[] payload = Arrays.copyOfRange(m1, 12, m1.length);
        for (int size : new int[] {0, 11, 12, 0x7FFFFFFF, -1, payload.length + 1, payload.length}) {
            byte[] bad = payload.clone();
            dev.parley.themis.internal.util.Bytes.writeBe32(bad, 4, size);
            byte[] message = SoterContainer.build("TSPM", bad);
            assertThatThrownBy(() -> server.unwrap(message))
                    .isExactlyInstanceOf(SecureSessionException.class);
        }
        assertThat(protocolData(server.unwrap(m1))).isNotEmpty();
    }

    private static void rejectsEveryMutation(SecureSession receiver, byte[] message, State state) {
        for (int mask : FLIP_MASKS) {
            for (int i = 0; i < message.length; i++) {
                byte[] bad = flip(message, i, mask);
                assertThatThrownBy(() -> receiver.unwrap(bad))
                        .as("byte %d", i)
                        .isExactlyInstanceOf(SecureSessionException.class);
                assertThat(receiver.state()).isEqualTo(state);
            }
        }
    }

    private static void rejectsEveryPayloadMutation(
            SecureSession receiver, byte[] message, State state) {
        byte[] payload = Arrays.copyOfRange(message, SoterContainer.HEADER_LENGTH, message.length);
        for (int mask : FLIP_MASKS) {
            for (int i = 0; i < payload.length; i++) {
                byte[] bad = SoterContainer.build("TSPM", flip(payload, i, mask));
                assertThatThrownBy(() -> receiver.unwrap(bad))
                        .as("payload byte %d", i)
                        .isExactlyInstanceOf(SecureSessionException.class);
                assertThat(receiver.state()).isEqualTo(state);
            }
        }
    }

    private static void rejectsEveryTruncation(SecureSession receiver, byte[] message) {
        State before = receiver.state();
        for (int len = 0; len < message.length; len++) {
            byte[] cut = Arrays.copyOf(message, len);
            assertThatThrownBy(() -> receiver.unwrap(cut))
                    .as("length %d", len)
                    .isExactlyInstanceOf(SecureSessionException.class);
            assertThat(receiver.state()).isEqualTo(before);
        }
    }
}
