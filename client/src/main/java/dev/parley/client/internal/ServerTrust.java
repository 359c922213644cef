package dev.parley.client.internal;

import dev.parley.client.ParleyException;
import dev.parley.client.ServerKeyChangedException;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Decides which server key a connection pins: the configured key, the key recorded in the
 * known-servers file, or (first use) the key the server publishes over HTTP, which is recorded only
 * after a handshake with it succeeded. Also explains a failed handshake: the server could not prove
 * it holds the pinned key, so unless it publishes exactly that key (then the failure is something
 * else) it becomes a {@link ServerKeyChangedException}, naming the new key if published.
 *
 * <p>Not thread-safe; used from the connection's event thread. Blocking file reads are small.
 */
final class ServerTrust {
    private static final int MAX_KEY_TEXT = 4096;
    private final ClientConfig config;
    private PublicKey toPin;

    ServerTrust(ClientConfig config) {
        this.config = config;
    }

    /** The key to hand to the handshake. */
    CompletableFuture<PublicKey> resolve() {
        if (config.serverKey() != null) {
            return CompletableFuture.completedFuture(config.serverKey());
        }
        Optional<PublicKey> pinned;
        try {
            pinned = config.knownServers().lookup(config.hostPort());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new ParleyException("cannot read known servers: " + e.getMessage(), e));
        }
        if (pinned.isPresent()) {
            return CompletableFuture.completedFuture(pinned.get());
        }
        return fetch().thenApply(
                        key -> {
                            toPin = key;
                            return key;
                        });
    }

    /** The handshake with {@code key} succeeded: record a first-use key. */
    void confirmed(PublicKey key) throws ParleyException {
        if (toPin != null && toPin.equals(key)) {
            try {
                config.knownServers().verifyOrPin(config.hostPort(), key);
            } catch (IOException e) {
                throw new ParleyException("cannot record the server key: " + e.getMessage(), e);
            }
            toPin = null;
        }
    }

    /**
     * The handshake with {@code used} failed with {@code failure}: completes with a {@link
     * ServerKeyChangedException} if the server publishes another key, else with a {@link
     * ParleyException} describing the failure.
     */
    CompletableFuture<Throwable> explain(PublicKey used, Throwable failure) {
        String where =
                config.knownServers() != null ? config.knownServers().file().toString() : null;
        return fetch().handle(
                        (offered, error) -> {
                            if (offered != null && offered.equals(used)) {
                                // the server publishes the pinned key, so the failure is something
                                // else
                                return new ParleyException(
                                        "Secure Session handshake with "
                                                + config.hostPort()
                                                + " failed: "
                                                + failure.getMessage(),
                                        failure);
                            }
                            // the peer could not prove it holds the pinned key: that is a key
                            // change, as far as we can tell
                            return new ServerKeyChangedException(
                                    config.hostPort(),
                                    used.fingerprint(),
                                    offered == null ? null : offered.fingerprint(),
                                    where);
                        });
    }

    private CompletableFuture<PublicKey> fetch() {
        return config.transport()
                .fetchText(config.serverKeyUri())
                .handle(
                        (text, error) -> {
                            if (error != null) {
                                Throwable cause =
                                        error instanceof CompletionException
                                                        && error.getCause() != null
                                                ? error.getCause()
                                                : error;
                                throw new CompletionException(
                                        new ParleyException(
                                                "cannot fetch the server key from "
                                                        + config.serverKeyUri()
                                                        + ": "
                                                        + cause.getMessage(),
                                                cause));
                            }
                            String b64 = text.strip();
                            if (b64.length() > MAX_KEY_TEXT) {
                                throw new CompletionException(
                                        new ParleyException(
                                                "the server key at "
                                                        + config.serverKeyUri()
                                                        + " is too long"));
                            }
                            try {
                                return PublicKey.fromBytes(Base64.getMimeDecoder().decode(b64));
                            } catch (IllegalArgumentException | KeyFormatException e) {
                                throw new CompletionException(
                                        new ParleyException(
                                                "the server key at "
                                                        + config.serverKeyUri()
                                                        + " is not a base64 Themis public key"));
                            }
                        });
    }
}
