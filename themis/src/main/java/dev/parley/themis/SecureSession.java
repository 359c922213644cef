package dev.parley.themis;

import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.session.DataChannel;
import dev.parley.themis.internal.session.EphemeralKey;
import dev.parley.themis.internal.session.Handshake;
import dev.parley.themis.internal.session.NegotiationMessages;
import dev.parley.themis.internal.session.NegotiationMessages.Hello;
import dev.parley.themis.internal.session.SessionKeys;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A Themis 0.15 Secure Session endpoint: a four-message authenticated ECDH handshake, then
 * AES-256-GCM data messages, byte-compatible with Themis Core 0.15.
 *
 * <p>A session starts as a server. It becomes a client when {@link #connectRequest()} is called.
 * Feed every message from the peer to {@link #unwrap}; during negotiation it returns bytes to send
 * back ({@link UnwrapResult.Type#PROTOCOL_DATA}), after establishment the decrypted message ({@link
 * UnwrapResult.Type#USER_DATA}).
 *
 * <p>Beyond Themis, strict anti-replay is on by default: an authentic data message whose sequence
 * number was already accepted, or is stale, is rejected with {@link ReplayedMessageException}.
 * Switch it off with {@link Builder#strictReplayProtection} for behaviour identical to Themis
 * (which accepts any sequence number within ±8 of the last).
 *
 * <p>Stricter than Themis where Themis is lax, never in a way an honest Themis peer notices:
 * negotiation messages must be exactly one well-formed container (inner containers bounds-checked,
 * the peer's ephemeral key a valid P-256 point), m4 must carry exactly the 32-byte MAC, data
 * messages must not carry bytes after the tag, and an empty message is rejected. Failures never
 * change the session's state.
 *
 * <p>Data message nonces are chosen by the session (a per-session counter, see {@code
 * internal.session.DataChannel}); callers never supply IVs.
 *
 * <p><b>Not thread-safe.</b> Use one instance per connection and call it from one thread at a time
 * (an ordered executor per connection is fine). Instances are cheap; the ephemeral key is generated
 * at construction, as Themis does.
 */
public final class SecureSession {

    /** Where the session is in its life. */
    public enum State {
        /** Fresh: no message sent or received yet. */
        IDLE,
        /** Handshake in progress. */
        NEGOTIATING,
        /** Keys agreed: {@link #wrap} and data {@link #unwrap} work. */
        ESTABLISHED
    }

    /** Finer than {@link State}: which message the session waits for. */
    private enum Phase {
        IDLE(State.IDLE),
        SERVER_AWAITS_CLIENT_FINISH(State.NEGOTIATING),
        CLIENT_AWAITS_SERVER_HELLO(State.NEGOTIATING),
        CLIENT_AWAITS_SERVER_FINISH(State.NEGOTIATING),
        ESTABLISHED(State.ESTABLISHED);

        final State state;

        Phase(State state) {
            this.state = state;
        }
    }

    private final byte[] id;
    private final PrivateKey privateKey;
    private final PeerKeyResolver resolver;
    private final Clock clock;
    private final boolean strictReplayProtection;

    /** Dropped once established, so a later memory disclosure cannot recompute the keys. */
    private EphemeralKey ephemeral;

    private Phase phase = Phase.IDLE;
    private boolean client;

    /** The peer's m1 (server) or m2 (client), once verified. */
    private Hello peerHello;

    private byte[] peerId;
    private PublicKey peerKey;

    /** The client key as used for the server's two signature checks; dropped once established. */
    private ECPoint peerVerifyPoint;

    private Handshake.ClientPending clientPending;
    private DataChannel channel;

    private SecureSession(Builder builder) {
        this.id = builder.id;
        this.privateKey = builder.privateKey;
        this.resolver = builder.resolver;
        this.clock = builder.clock;
        this.strictReplayProtection = builder.strictReplayProtection;
        this.ephemeral = EphemeralKey.generate();
    }

    /** A session with default options (strict anti-replay, system clock). */
    public static SecureSession create(byte[] id, PrivateKey privateKey, PeerKeyResolver resolver) {
        return builder(id, privateKey, resolver).build();
    }

    public static Builder builder(byte[] id, PrivateKey privateKey, PeerKeyResolver resolver) {
        return new Builder(id, privateKey, resolver);
    }

    /**
     * The client's first message (m1). Turns this session into a client.
     *
     * @throws IllegalStateException if the session is not {@link State#IDLE}
     */
    public byte[] connectRequest() {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException(
                    "connectRequest() is only allowed on a fresh session (state " + state() + ")");
        }
        byte[] m1 = Handshake.clientHello(id, privateKey.scalar(), ephemeral);
        client = true;
        phase = Phase.CLIENT_AWAITS_SERVER_HELLO;
        return m1;
    }

    /**
     * Processes one message from the peer.
     *
     * @throws ReplayedMessageException if strict anti-replay rejects an authentic data message
     * @throws SecureSessionException if the message is malformed, not authentic, or unexpected, or
     *     the resolver knows no key for the peer's id; the session state is unchanged
     * @throws RuntimeException whatever the {@link PeerKeyResolver} throws, unchanged (the session
     *     state is unchanged then too)
     */
    public UnwrapResult unwrap(byte[] message) throws SecureSessionException {
        Objects.requireNonNull(message, "message");
        switch (phase) {
            case ESTABLISHED:
                return UnwrapResult.userData(channel.unwrap(message));
            case IDLE:
                return acceptClientHello(message);
            case SERVER_AWAITS_CLIENT_FINISH:
                return acceptClientFinish(message);
            case CLIENT_AWAITS_SERVER_HELLO:
                return acceptServerHello(message);
            case CLIENT_AWAITS_SERVER_FINISH:
                return acceptServerFinish(message);
            default:
                throw new AssertionError(phase);
        }
    }

    /**
     * Encrypts one application message (at least one byte) for the peer. Wrap at send time and in
     * order: every call consumes a sequence number, and Themis peers reject a jump of more than 8.
     *
     * @throws IllegalStateException if the session is not {@link State#ESTABLISHED}
     * @throws IllegalArgumentException if {@code message} is empty
     */
    public byte[] wrap(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (phase != Phase.ESTABLISHED) {
            throw new IllegalStateException(
                    "wrap() needs an established session (state " + state() + ")");
        }
        return channel.wrap(message);
    }

    public State state() {
        return phase.state;
    }

    public boolean isEstablished() {
        return state() == State.ESTABLISHED;
    }

    /** True once {@link #connectRequest()} was called. */
    public boolean isClient() {
        return client;
    }

    /**
     * The id the peer presented (a copy), once its first handshake message was verified; {@code
     * null} before. Treat it as authenticated only once {@link #isEstablished()}.
     */
    public byte[] peerId() {
        return peerId == null ? null : peerId.clone();
    }

    /** The peer's long-term key found by the resolver; {@code null} before that. */
    public PublicKey peerPublicKey() {
        return peerKey;
    }

    @Override
    public String toString() {
        return "SecureSession[" + (client ? "client" : "server") + ", " + state() + "]";
    }

    private UnwrapResult acceptClientHello(byte[] message) throws SecureSessionException {
        Hello m1 = NegotiationMessages.parseHello(message);
        PublicKey clientKey = resolve(m1.id());
        // both checks of the client's signatures share one detached point, so the tables
        // BouncyCastle builds for them go with the handshake instead of staying on the key
        ECPoint verifyPoint = P256.detach(clientKey.point());
        byte[] m2 =
                Handshake.serverOnClientHello(m1, verifyPoint, id, privateKey.scalar(), ephemeral);
        peerHello = m1;
        peerId = m1.id();
        peerKey = clientKey;
        peerVerifyPoint = verifyPoint;
        phase = Phase.SERVER_AWAITS_CLIENT_FINISH;
        return UnwrapResult.protocolData(m2);
    }

    private UnwrapResult acceptClientFinish(byte[] message) throws SecureSessionException {
        NegotiationMessages.ClientFinish m3 = NegotiationMessages.parseClientFinish(message);
        Handshake.ServerDone done =
                Handshake.serverOnClientFinish(m3, peerHello, peerVerifyPoint, id, ephemeral);
        channel = done.keys().channel(false, clock, strictReplayProtection);
        ephemeral = null;
        peerHello = null;
        peerVerifyPoint = null;
        phase = Phase.ESTABLISHED;
        return UnwrapResult.protocolData(done.serverFinish());
    }

    private UnwrapResult acceptServerHello(byte[] message) throws SecureSessionException {
        Hello m2 = NegotiationMessages.parseHello(message);
        PublicKey serverKey = resolve(m2.id());
        Handshake.ClientPending pending =
                Handshake.clientOnServerHello(
                        m2, serverKey.point(), id, privateKey.scalar(), ephemeral);
        peerHello = m2;
        peerId = m2.id();
        peerKey = serverKey;
        clientPending = pending;
        phase = Phase.CLIENT_AWAITS_SERVER_FINISH;
        return UnwrapResult.protocolData(pending.clientFinish());
    }

    private UnwrapResult acceptServerFinish(byte[] message) throws SecureSessionException {
        byte[] mac = NegotiationMessages.parseServerFinish(message);
        SessionKeys keys = Handshake.clientOnServerFinish(mac, clientPending, ephemeral);
        channel = keys.channel(true, clock, strictReplayProtection);
        Arrays.fill(clientPending.masterKey(), (byte) 0);
        clientPending = null;
        ephemeral = null;
        peerHello = null;
        phase = Phase.ESTABLISHED;
        return UnwrapResult.noData();
    }

    private PublicKey resolve(byte[] peerId) throws SecureSessionException {
        PublicKey key = resolver.publicKeyFor(peerId.clone());
        if (key == null) {
            throw new SecureSessionException("no public key known for the peer's id");
        }
        return key;
    }

    /** Options for a {@link SecureSession}. Validates each setter at once. */
    public static final class Builder {
        private final byte[] id;
        private final PrivateKey privateKey;
        private final PeerKeyResolver resolver;
        private Clock clock = Clock.systemUTC();
        private boolean strictReplayProtection = true;

        private Builder(byte[] id, PrivateKey privateKey, PeerKeyResolver resolver) {
            Objects.requireNonNull(id, "id");
            if (id.length == 0) {
                throw new IllegalArgumentException("session id must not be empty");
            }
            this.id = id.clone();
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** The clock for message timestamps and the ±1 day freshness check (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** On by default; off gives exactly Themis's ±8 sequence window (replays accepted). */
        public Builder strictReplayProtection(boolean on) {
            this.strictReplayProtection = on;
            return this;
        }

        public SecureSession build() {
            return new SecureSession(this);
        }
    }
}
