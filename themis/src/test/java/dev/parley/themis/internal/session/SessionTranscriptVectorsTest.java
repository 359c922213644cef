package dev.parley.themis.internal.session;

import static dev.parley.themis.testing.Vectors.b64;
import static dev.parley.themis.testing.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import dev.parley.themis.internal.container.SoterContainer;
import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.session.NegotiationMessages.ClientFinish;
import dev.parley.themis.internal.session.NegotiationMessages.Hello;
import dev.parley.themis.testing.Vectors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Known-answer checks against a complete WasmThemis 0.15 client/server transcript. */
class SessionTranscriptVectorsTest {
    private static final Map<String, Object> FILE = Vectors.load("secure-session-transcript.json");
    private static final Map<String, Object> CLIENT = Vectors.map(FILE, "client");
    private static final Map<String, Object> SERVER = Vectors.map(FILE, "server");
    private static final Map<String, Object> HANDSHAKE = Vectors.map(FILE, "handshake");
    private static final Map<String, Object> CLIENT_SECRETS = Vectors.map(FILE, "client_secrets");
    private static final Map<String, Object> SERVER_SECRETS = Vectors.map(FILE, "server_secrets");
    private static final Clock GENERATION_TIME =
            Clock.fixed(
                    Instant.ofEpochSecond((Long) FILE.get("generated_at_unix")), ZoneOffset.UTC);

    private final byte[] clientId = b64(CLIENT, "id");
    private final byte[] serverId = b64(SERVER, "id");
    private final Hello m1 = parse(() -> NegotiationMessages.parseHello(b64(HANDSHAKE, "m1")));
    private final Hello m2 = parse(() -> NegotiationMessages.parseHello(b64(HANDSHAKE, "m2")));
    private final ClientFinish m3 =
            parse(() -> NegotiationMessages.parseClientFinish(b64(HANDSHAKE, "m3")));
    private final byte[] m4Mac =
            parse(() -> NegotiationMessages.parseServerFinish(b64(HANDSHAKE, "m4")));
    private final byte[] masterKey = hex((String) CLIENT_SECRETS.get("master_key_hex"));

    @Test
    void helloMessagesCarryTheIdsAndCompressedEphemeralKeys() {
        assertThat(m1.id()).isEqualTo(clientId);
        assertThat(m2.id()).isEqualTo(serverId);
        assertThat(m1.ephemeralKey()).hasSize(45);
        assertThat(m2.ephemeralKey()).hasSize(45);
    }

    @Test
    void allThreeSignaturesVerifyWithTheLongTermKeys() {
        ECPoint clientKey = longTermPoint(CLIENT);
        ECPoint serverKey = longTermPoint(SERVER);
        assertThat(P256.verify(clientKey, m1.signature(), m1.ephemeralKey())).isTrue();
        assertThat(
                        P256.verify(
                                serverKey,
                                m2.signature(),
                                m2.ephemeralKey(),
                                m1.ephemeralKey(),
                                serverId,
                                clientId))
                .isTrue();
        assertThat(
                        P256.verify(
                                clientKey,
                                m3.signature(),
                                m1.ephemeralKey(),
                                m2.ephemeralKey(),
                                clientId,
                                serverId))
                .isTrue();
        assertThat(P256.verify(serverKey, m1.signature(), m1.ephemeralKey())).isFalse();
    }

    @Test
    void sessionIdIsRecomputedFromPublicData() {
        byte[] sid =
                SessionKeys.sessionId(m1.ephemeralKey(), m2.ephemeralKey(), clientId, serverId);
        assertThat(sid).isEqualTo(hex((String) CLIENT_SECRETS.get("session_id_kdf_bytes_hex")));
        assertThat(SessionKeys.wireSessionId(sid))
                .isEqualTo((int) Long.parseLong((String) FILE.get("wire_session_id_hex"), 16));
    }

    @Test
    void confirmationMacsMatchTheMasterKey() {
        byte[] sid = sessionId();
        assertThat(m3.mac())
                .isEqualTo(SessionKeys.confirmationMac(masterKey, m2.ephemeralKey(), sid));
        assertThat(m4Mac).isEqualTo(SessionKeys.confirmationMac(masterKey, m1.ephemeralKey(), sid));
    }

    @Test
    void dataKeysAndInitialSequenceNumbersMatchWasmThemis() {
        SessionKeys keys = SessionKeys.derive(masterKey, sessionId());
        assertThat(keys.clientKey()).isEqualTo(hex((String) CLIENT_SECRETS.get("out_key_hex")));
        assertThat(keys.serverKey()).isEqualTo(hex((String) SERVER_SECRETS.get("out_key_hex")));
        // Each side wrapped two messages: out_seq = N + 2, in_seq = the peer's N + 1.
        assertThat(Integer.toUnsignedLong(keys.clientInitialSeq() + 2))
                .isEqualTo(CLIENT_SECRETS.get("out_seq_after_test"));
        assertThat(Integer.toUnsignedLong(keys.serverInitialSeq() + 2))
                .isEqualTo(SERVER_SECRETS.get("out_seq_after_test"));
        assertThat(Integer.toUnsignedLong(keys.serverInitialSeq() + 1))
                .isEqualTo(CLIENT_SECRETS.get("in_seq_after_test"));
        assertThat(Integer.toUnsignedLong(keys.clientInitialSeq() + 1))
                .isEqualTo(SERVER_SECRETS.get("in_seq_after_test"));
    }

    @Test
    void everyWrappedMessageDecryptsOnTheReceivingSide() throws Exception {
        DataChannel server = channel(false);
        for (Map<String, Object> m : Vectors.list(FILE, "client_to_server")) {
            assertThat(server.unwrap(b64(m, "wrapped"))).isEqualTo(b64(m, "plaintext"));
        }
        DataChannel client = channel(true);
        for (Map<String, Object> m : Vectors.list(FILE, "server_to_client")) {
            assertThat(client.unwrap(b64(m, "wrapped"))).isEqualTo(b64(m, "plaintext"));
        }
        assertThat(Integer.toUnsignedLong(client.lastReceivedSeq()))
                .isEqualTo(CLIENT_SECRETS.get("in_seq_after_test"));
        assertThat(Integer.toUnsignedLong(server.lastReceivedSeq()))
                .isEqualTo(SERVER_SECRETS.get("in_seq_after_test"));
    }

    @Test
    void tamperedWrappedMessagesAreRejected() throws Exception {
        List<Map<String, Object>> negatives = Vectors.list(FILE, "negative");
        int checked = 0;
        for (Map<String, Object> n : negatives) {
            byte[] wrapped = b64(n, "wrapped");
            if (wrapped == null) {
                continue;
            }
            DataChannel server = channel(false);
            assertThatThrownBy(() -> server.unwrap(wrapped))
                    .isInstanceOf(SecureSessionException.class);
            byte[] genuine = b64(Vectors.list(FILE, "client_to_server").get(0), "wrapped");
            assertThat(server.unwrap(genuine)).isNotEmpty();
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void javaServerAnswersTheGenuineConnectRequest() throws Exception {
        SecureSession server =
                SecureSession.create(serverId, privateKey(SERVER), id -> publicKey(CLIENT));
        UnwrapResult reply = server.unwrap(b64(HANDSHAKE, "m1"));
        assertThat(reply.type()).isEqualTo(UnwrapResult.Type.PROTOCOL_DATA);
        Hello ourM2 = NegotiationMessages.parseHello(reply.data());
        assertThat(
                        P256.verify(
                                longTermPoint(SERVER),
                                ourM2.signature(),
                                ourM2.ephemeralKey(),
                                m1.ephemeralKey(),
                                serverId,
                                clientId))
                .isTrue();
        assertThat(server.peerId()).isEqualTo(clientId);
    }

    @Test
    void connectRequestSignedWithAnotherKeyIsRejected() {
        byte[] forged = b64(negative("not alice's"), "handshake_message");
        SecureSession server =
                SecureSession.create(serverId, privateKey(SERVER), id -> publicKey(CLIENT));
        assertThatThrownBy(() -> server.unwrap(forged)).isInstanceOf(SecureSessionException.class);
        assertThat(server.state()).isEqualTo(SecureSession.State.IDLE);
        assertThat(server.peerId()).isNull();
    }

    @Test
    void connectRequestFromUnknownIdIsRejected() {
        byte[] unknown = b64(negative("does not know"), "handshake_message");
        byte[][] asked = new byte[1][];
        SecureSession server =
                SecureSession.create(
                        serverId,
                        privateKey(SERVER),
                        id -> {
                            asked[0] = id;
                            return null;
                        });
        assertThatThrownBy(() -> server.unwrap(unknown)).isInstanceOf(SecureSessionException.class);
        assertThat(new String(asked[0], java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("nobody");
        assertThat(server.state()).isEqualTo(SecureSession.State.IDLE);
    }

    private DataChannel channel(boolean client) {
        return SessionKeys.derive(masterKey, sessionId()).channel(client, GENERATION_TIME, true);
    }

    private byte[] sessionId() {
        return SessionKeys.sessionId(m1.ephemeralKey(), m2.ephemeralKey(), clientId, serverId);
    }

    private static Map<String, Object> negative(String descriptionPart) {
        return Vectors.list(FILE, "negative").stream()
                .filter(n -> ((String) n.get("description")).contains(descriptionPart))
                .findFirst()
                .orElseThrow();
    }

    private static ECPoint longTermPoint(Map<String, Object> party) {
        byte[] container = b64(party, "public");
        return P256.decodePoint(
                container,
                SoterContainer.HEADER_LENGTH,
                container.length - SoterContainer.HEADER_LENGTH);
    }

    private static PublicKey publicKey(Map<String, Object> party) {
        try {
            return PublicKey.fromBytes(b64(party, "public"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PrivateKey privateKey(Map<String, Object> party) {
        try {
            return PrivateKey.fromBytes(b64(party, "private"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private interface Parse<T> {
        T run() throws SecureSessionException;
    }

    private static <T> T parse(Parse<T> p) {
        try {
            return p.run();
        } catch (SecureSessionException e) {
            throw new AssertionError(e);
        }
    }
}
