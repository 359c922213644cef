package dev.parley.themis;

import java.time.Clock;
import java.util.Objects;

/**
 * A Themis 0.15 Secure Session endpoint: a four-message authenticated ECDH handshake, then
 * AES-256-GCM data messages, byte-compatible with Themis Core 0.15.
 *
 * <p>A session starts as a server. It becomes a client when {@link #connectRequest()} is called.
 * Feed every message from the peer to {@link #unwrap}; during negotiation it returns bytes to
 * send back ({@link UnwrapResult.Type#PROTOCOL_DATA}), after establishment the decrypted
 * message ({@link UnwrapResult.Type#USER_DATA}).
 *
 * <p>Beyond Themis, strict anti-replay is on by default: an authentic data message whose
 * sequence number was already accepted, or is stale, is rejected with
 * {@link ReplayedMessageException}. Switch it off with {@link Builder#strictReplayProtection}
 * for behaviour identical to Themis (which accepts any sequence number within ±8 of the last).
 *
 * <p><b>Not thread-safe.</b> Use one instance per connection and call it from one thread at a
 * time (an ordered executor per connection is fine). Instances are cheap; the ephemeral key is
 * generated at construction, as Themis does.
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

    private SecureSession(Builder builder) {
        throw new UnsupportedOperationException("Secure Session: implementation pending");
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
        throw new UnsupportedOperationException();
    }

    /**
     * Processes one message from the peer.
     *
     * @throws ReplayedMessageException if strict anti-replay rejects an authentic data message
     * @throws SecureSessionException if the message is malformed, not authentic, or unexpected;
     *         the session state is unchanged
     */
    public UnwrapResult unwrap(byte[] message) throws SecureSessionException {
        throw new UnsupportedOperationException();
    }

    /**
     * Encrypts one application message (at least one byte) for the peer. Wrap at send time and
     * in order: every call consumes a sequence number, and Themis peers reject a jump of more
     * than 8.
     *
     * @throws IllegalStateException if the session is not {@link State#ESTABLISHED}
     * @throws IllegalArgumentException if {@code message} is empty
     */
    public byte[] wrap(byte[] message) {
        throw new UnsupportedOperationException();
    }

    public State state() {
        throw new UnsupportedOperationException();
    }

    public boolean isEstablished() {
        return state() == State.ESTABLISHED;
    }

    /** True once {@link #connectRequest()} was called. */
    public boolean isClient() {
        throw new UnsupportedOperationException();
    }

    /**
     * The id the peer presented (a copy), once its first handshake message was verified;
     * {@code null} before. Treat it as authenticated only once {@link #isEstablished()}.
     */
    public byte[] peerId() {
        throw new UnsupportedOperationException();
    }

    /** The peer's long-term key found by the resolver; {@code null} before that. */
    public PublicKey peerPublicKey() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String toString() {
        return "SecureSession[" + state() + "]";
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
