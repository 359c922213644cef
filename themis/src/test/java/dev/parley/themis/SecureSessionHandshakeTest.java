package dev.parley.themis;

import static dev.parley.themis.SessionTestKit.CLIENT_ID;
import static dev.parley.themis.SessionTestKit.CLIENT_KEYS;
import static dev.parley.themis.SessionTestKit.SERVER_ID;
import static dev.parley.themis.SessionTestKit.SERVER_KEYS;
import static dev.parley.themis.SessionTestKit.clientBuilder;
import static dev.parley.themis.SessionTestKit.establish;
import static dev.parley.themis.SessionTestKit.protocolData;
import static dev.parley.themis.SessionTestKit.serverBuilder;
import static dev.parley.themis.SessionTestKit.userData;
import static dev.parley.themis.SessionTestKit.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.SecureSession.State;
import dev.parley.themis.internal.container.SoterContainer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecureSessionHandshakeTest {

    @Test
    void javaClientAndServerEstablishAndExchangeMessagesBothWays() throws Exception {
        SessionTestKit.Pair p = establish();
        assertThat(p.client().isEstablished()).isTrue();
        assertThat(p.server().isEstablished()).isTrue();
        for (int i = 0; i < 20; i++) {
            byte[] up = utf8("hello server " + i);
            byte[] down = utf8("hello client " + i);
            assertThat(userData(p.server().unwrap(p.client().wrap(up)))).isEqualTo(up);
            assertThat(userData(p.client().unwrap(p.server().wrap(down)))).isEqualTo(down);
        }
    }

    @Test
    void statesFollowTheHandshake() throws Exception {
        SecureSession client = clientBuilder().build();
        SecureSession server = serverBuilder().build();
        assertThat(client.state()).isEqualTo(State.IDLE);
        assertThat(server.state()).isEqualTo(State.IDLE);
        assertThat(client.isClient()).isFalse();

        byte[] m1 = client.connectRequest();
        assertThat(client.state()).isEqualTo(State.NEGOTIATING);
        assertThat(client.isClient()).isTrue();

        byte[] m2 = protocolData(server.unwrap(m1));
        assertThat(server.state()).isEqualTo(State.NEGOTIATING);
        assertThat(server.isClient()).isFalse();

        byte[] m3 = protocolData(client.unwrap(m2));
        assertThat(client.state()).isEqualTo(State.NEGOTIATING);

        byte[] m4 = protocolData(server.unwrap(m3));
        assertThat(server.state()).isEqualTo(State.ESTABLISHED);

        UnwrapResult last = client.unwrap(m4);
        assertThat(last.type()).isEqualTo(UnwrapResult.Type.NO_DATA);
        assertThat(last.data()).isEmpty();
        assertThat(client.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void negotiationMessagesHaveTheThemisShape() {
        SessionTestKit.Pair p = establish();
        for (byte[] m : new byte[][] {p.m1(), p.m2(), p.m3(), p.m4()}) {
            assertThat(new String(m, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("TSPM");
        }
        // m1 = header + TSID{id} + 45-byte UEC2 + DER signature (70..72 bytes)
        assertThat(p.m1().length - 12 - (12 + CLIENT_ID.length) - 45).isBetween(8, 72);
        assertThat(p.m4()).hasSize(12 + 32);
    }

    @Test
    void dataMessagesCarryTheWireSessionIdAndThemisOverhead() throws Exception {
        SessionTestKit.Pair p = establish();
        byte[] a = p.client().wrap(utf8("x"));
        byte[] b = p.server().wrap(utf8("yz"));
        assertThat(a).hasSize(1 + 52);
        assertThat(b).hasSize(2 + 52);
        assertThat(HexFormat.of().formatHex(a, 0, 4)).isEqualTo(HexFormat.of().formatHex(b, 0, 4));
        assertThat(HexFormat.of().formatHex(a, 4, 16))
                .isNotEqualTo(HexFormat.of().formatHex(b, 4, 16));
    }

    @Test
    void noncesNeverRepeatWithinASession() {
        SessionTestKit.Pair p = establish();
        java.util.Set<String> nonces = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] frame = p.client().wrap(utf8("same"));
            assertThat(nonces.add(HexFormat.of().formatHex(frame, 4, 16))).isTrue();
        }
    }

    @Test
    void peerIdentityIsKnownAfterItsFirstMessage() throws Exception {
        SecureSession client = clientBuilder().build();
        SecureSession server = serverBuilder().build();
        assertThat(server.peerId()).isNull();
        assertThat(server.peerPublicKey()).isNull();
        byte[] m2 = protocolData(server.unwrap(client.connectRequest()));
        assertThat(server.peerId()).isEqualTo(CLIENT_ID);
        assertThat(server.peerPublicKey()).isEqualTo(CLIENT_KEYS.publicKey());
        assertThat(client.peerId()).isNull();
        client.unwrap(m2);
        assertThat(client.peerId()).isEqualTo(SERVER_ID);
        assertThat(client.peerPublicKey()).isEqualTo(SERVER_KEYS.publicKey());
        server.peerId()[0] ^= 1;
        assertThat(server.peerId()).isEqualTo(CLIENT_ID);
    }

    @Test
    void resolverReceivesACopyItMayKeep() throws Exception {
        byte[][] seen = new byte[1][];
        SecureSession server =
                SecureSession.create(
                        SERVER_ID,
                        SERVER_KEYS.privateKey(),
                        id -> {
                            seen[0] = id;
                            id[0] ^= 1;
                            return CLIENT_KEYS.publicKey();
                        });
        server.unwrap(clientBuilder().build().connectRequest());
        assertThat(server.peerId()).isEqualTo(CLIENT_ID);
    }

    @Test
    void connectRequestTwiceIsMisuse() {
        SecureSession client = clientBuilder().build();
        client.connectRequest();
        assertThatThrownBy(client::connectRequest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void serverCannotBecomeClientMidHandshake() throws Exception {
        SecureSession server = serverBuilder().build();
        server.unwrap(clientBuilder().build().connectRequest());
        assertThatThrownBy(server::connectRequest).isInstanceOf(IllegalStateException.class);
        assertThat(server.isClient()).isFalse();
    }

    @Test
    void wrapBeforeEstablishmentIsMisuse() throws Exception {
        SecureSession client = clientBuilder().build();
        assertThatThrownBy(() -> client.wrap(utf8("too early")))
                .isInstanceOf(IllegalStateException.class);
        SecureSession server = serverBuilder().build();
        server.unwrap(client.connectRequest());
        assertThatThrownBy(() -> client.wrap(utf8("too early")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.wrap(utf8("too early")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyMessageIsMisuse() {
        SessionTestKit.Pair p = establish();
        assertThatThrownBy(() -> p.client().wrap(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.client().wrap(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> p.client().unwrap(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void emptyIdIsRejectedByTheBuilder() {
        assertThatThrownBy(
                        () ->
                                SecureSession.create(
                                        new byte[0], CLIENT_KEYS.privateKey(), id -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownServerIdFailsTheClient() throws Exception {
        SecureSession client =
                SecureSession.create(CLIENT_ID, CLIENT_KEYS.privateKey(), id -> null);
        SecureSession server = serverBuilder().build();
        byte[] m2 = protocolData(server.unwrap(client.connectRequest()));
        assertThatThrownBy(() -> client.unwrap(m2)).isInstanceOf(SecureSessionException.class);
        assertThat(client.peerId()).isNull();
    }

    @Test
    void serverWithTheWrongKeyIsRejectedByThePinningClient() throws Exception {
        SecureSession client = clientBuilder().build();
        SecureSession impostor =
                SecureSession.create(
                        SERVER_ID, KeyPair.generate().privateKey(), id -> CLIENT_KEYS.publicKey());
        byte[] m2 = protocolData(impostor.unwrap(client.connectRequest()));
        assertThatThrownBy(() -> client.unwrap(m2)).isInstanceOf(SecureSessionException.class);
        assertThat(client.state()).isEqualTo(State.NEGOTIATING);
    }

    @Test
    void clientWithTheWrongKeyIsRejected() {
        SecureSession impostor =
                SecureSession.create(
                        CLIENT_ID, KeyPair.generate().privateKey(), id -> SERVER_KEYS.publicKey());
        SecureSession server = serverBuilder().build();
        assertThatThrownBy(() -> server.unwrap(impostor.connectRequest()))
                .isInstanceOf(SecureSessionException.class);
        assertThat(server.state()).isEqualTo(State.IDLE);
    }

    @Test
    void negotiationMessageOnEstablishedSessionIsRejected() throws Exception {
        SessionTestKit.Pair p = establish();
        byte[] freshM1 = clientBuilder().build().connectRequest();
        assertThatThrownBy(() -> p.server().unwrap(freshM1))
                .isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(() -> p.server().unwrap(p.m3()))
                .isInstanceOf(SecureSessionException.class);
        assertThatThrownBy(() -> p.client().unwrap(p.m4()))
                .isInstanceOf(SecureSessionException.class);
        assertThat(userData(p.server().unwrap(p.client().wrap(utf8("still fine")))))
                .isEqualTo(utf8("still fine"));
    }

    @Test
    void messagesFromAnotherSessionAreRejected() throws Exception {
        SessionTestKit.Pair a = establish();
        SessionTestKit.Pair b = establish();
        byte[] frame = a.client().wrap(utf8("for a"));
        assertThatThrownBy(() -> b.server().unwrap(frame))
                .isInstanceOf(SecureSessionException.class);
        assertThat(userData(a.server().unwrap(frame))).isEqualTo(utf8("for a"));
    }

    @Test
    void serverFinishCarryingOnlyHalfTheMacIsRejected() throws Exception {
        // Themis compares only the bytes present; an empty or 16-byte MAC would establish it.
        SecureSession client = clientBuilder().build();
        SecureSession server = serverBuilder().build();
        byte[] m2 = protocolData(server.unwrap(client.connectRequest()));
        byte[] m4 = protocolData(server.unwrap(protocolData(client.unwrap(m2))));
        byte[] mac = java.util.Arrays.copyOfRange(m4, 12, 44);
        for (int len : new int[] {0, 1, 16, 31, 33}) {
            byte[] shortened = SoterContainer.build("TSPM", java.util.Arrays.copyOf(mac, len));
            assertThatThrownBy(() -> client.unwrap(shortened))
                    .isInstanceOf(SecureSessionException.class);
        }
        byte[] wrongMac = mac.clone();
        wrongMac[31] ^= 1;
        byte[] forged = SoterContainer.build("TSPM", wrongMac);
        assertThatThrownBy(() -> client.unwrap(forged)).isInstanceOf(SecureSessionException.class);
        assertThat(client.state()).isEqualTo(State.NEGOTIATING);
        client.unwrap(m4);
        assertThat(client.isEstablished()).isTrue();
    }

    @Test
    void toStringShowsNoSecrets() throws Exception {
        SessionTestKit.Pair p = establish();
        byte[] frame = p.client().wrap(utf8("secret text"));
        UnwrapResult r = p.server().unwrap(frame);
        assertThat(p.client().toString()).isEqualTo("SecureSession[client, ESTABLISHED]");
        assertThat(p.server().toString()).isEqualTo("SecureSession[server, ESTABLISHED]");
        assertThat(serverBuilder().build().toString()).isEqualTo("SecureSession[server, IDLE]");
        assertThat(r.toString())
                .doesNotContain("secret")
                .isEqualTo("UnwrapResult[USER_DATA, 11 bytes]");
    }
}
