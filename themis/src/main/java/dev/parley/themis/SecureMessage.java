package dev.parley.themis;

import dev.parley.themis.internal.ec.P256;
import dev.parley.themis.internal.message.EncryptedMessage;
import dev.parley.themis.internal.message.SignedMessage;
import java.util.Objects;

/**
 * Themis Secure Message with EC P-256 keys, byte-compatible with Themis 0.15.
 *
 * <ul>
 *   <li>Encryption between two key pairs ({@link #encryption}): ECDH, then Secure Cell Seal under
 *       the shared secret. Either key holder could have written a message; there is no forward
 *       secrecy and no replay protection.
 *   <li>Signatures ({@link #sign}, {@link #verify}): the message travels in clear with a DER
 *       ECDSA-SHA256 signature.
 * </ul>
 *
 * Instances are immutable and thread-safe.
 */
public final class SecureMessage {
    private final byte[] sharedSecret;

    private SecureMessage(byte[] sharedSecret) {
        this.sharedSecret = sharedSecret;
    }

    /** Encryption and decryption between {@code own} and {@code peer} (ECDH computed once). */
    public static SecureMessage encryption(PrivateKey own, PublicKey peer) {
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(peer, "peer");
        return new SecureMessage(P256.agree(own.scalar(), peer.point()));
    }

    /**
     * Encrypts for the peer.
     *
     * @throws IllegalArgumentException if {@code message} is empty
     */
    public byte[] encrypt(byte[] message) {
        return EncryptedMessage.encrypt(sharedSecret, message);
    }

    /**
     * Decrypts a message from the peer.
     *
     * @throws SecureMessageException if it is malformed or was not made with these keys
     */
    public byte[] decrypt(byte[] message) throws SecureMessageException {
        return EncryptedMessage.decrypt(sharedSecret, message);
    }

    /**
     * Signs {@code message}; the output contains the message in clear.
     *
     * @throws IllegalArgumentException if {@code message} is empty
     */
    public static byte[] sign(byte[] message, PrivateKey key) {
        Objects.requireNonNull(key, "key");
        return SignedMessage.sign(key.scalar(), message);
    }

    /**
     * Verifies a signed message and returns the original message.
     *
     * @throws SecureMessageException if it is malformed or the signature does not verify
     */
    public static byte[] verify(byte[] signed, PublicKey key) throws SecureMessageException {
        Objects.requireNonNull(key, "key");
        return SignedMessage.verify(key.point(), signed);
    }

    @Override
    public String toString() {
        return "SecureMessage[encryption]";
    }
}
