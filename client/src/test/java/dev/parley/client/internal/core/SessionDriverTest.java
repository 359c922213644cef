package dev.parley.client.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ClientEvent;
import dev.parley.protocol.EventCodec;
import dev.parley.protocol.ServerEvent;
import dev.parley.protocol.ServerLimits;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.UnwrapResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver against a server-side {@link SecureSession}, with no I/O at all. */
class SessionDriverTest {
    private final KeyPair client = KeyPair.generate();
    private final KeyPair serverKeys = KeyPair.generate();
    private final ArrayDeque<byte[]> toServer = new ArrayDeque<>();
    private final EventCodec codec = new EventCodec();

    private SecureSession serverFor(byte[] serverId, KeyPair keys) {
        return SecureSession.create(
                serverId,
                keys.privateKey(),
                id ->
                        new String(id, StandardCharsets.UTF_8).equals("alice")
                                ? client.publicKey()
                                : null);
    }

    /** Runs the handshake; returns the server session. */
    private SecureSession handshake(SessionDriver d, SecureSession server) throws Exception {
        d.start();
        String hello = new String(toServer.poll(), StandardCharsets.UTF_8);
        assertThat(hello)
                .isEqualTo(
                        "alice:"
                                + Base64.getEncoder()
                                        .encodeToString(client.publicKey().toByteArray()));
        for (int i = 0; i < 4 && !toServer.isEmpty(); i++) {
            UnwrapResult r = server.unwrap(toServer.poll());
            if (r.type() == UnwrapResult.Type.PROTOCOL_DATA) {
                assertThat(d.onBinary(r.data())).isNull();
            }
        }
        return server;
    }

    @Test
    void handshakeThenEventsBothWays() throws Exception {
        SessionDriver d = new SessionDriver("alice", client, serverKeys.publicKey(), toServer::add);
        SecureSession server = handshake(d, serverFor(SessionDriver.SERVER_ID, serverKeys));
        assertThat(d.isEstablished()).isTrue();
        ServerEvent welcome =
                new ServerEvent.Welcome(
                        "alice", "t/1", List.of("main"), ServerLimits.PROTOCOL_MAXIMUM);
        assertThat(d.onBinary(server.wrap(codec.encode(welcome)))).isEqualTo(welcome);
        d.send(new ClientEvent.Join("dev"));
        assertThat(codec.decode(server.unwrap(toServer.poll()).data()))
                .isEqualTo(new ClientEvent.Join("dev"));
    }

    @Test
    void serverWithAnotherKeyFailsTheHandshake() {
        PublicKey pinned = KeyPair.generate().publicKey();
        SessionDriver d = new SessionDriver("alice", client, pinned, toServer::add);
        assertThatThrownBy(() -> handshake(d, serverFor(SessionDriver.SERVER_ID, serverKeys)))
                .isInstanceOf(SecureSessionException.class);
        assertThat(d.isEstablished()).isFalse();
    }

    @Test
    void serverPresentingAnotherIdFailsTheHandshakeEvenWithThePinnedKey() {
        SessionDriver d = new SessionDriver("alice", client, serverKeys.publicKey(), toServer::add);
        assertThatThrownBy(
                        () ->
                                handshake(
                                        d,
                                        serverFor(
                                                "not-server".getBytes(StandardCharsets.UTF_8),
                                                serverKeys)))
                .isInstanceOf(SecureSessionException.class);
    }

    @Test
    void replayedEventIsRejected() throws Exception {
        SessionDriver d = new SessionDriver("alice", client, serverKeys.publicKey(), toServer::add);
        SecureSession server = handshake(d, serverFor(SessionDriver.SERVER_ID, serverKeys));
        byte[] frame = server.wrap(codec.encode(new ServerEvent.Pong()));
        d.onBinary(frame);
        assertThatThrownBy(() -> d.onBinary(frame)).isInstanceOf(SecureSessionException.class);
    }

    @Test
    void sendingBeforeTheHandshakeIsAProgrammingError() {
        SessionDriver d = new SessionDriver("alice", client, serverKeys.publicKey(), toServer::add);
        assertThatThrownBy(() -> d.send(new ClientEvent.Ping()))
                .isInstanceOf(IllegalStateException.class);
    }
}
