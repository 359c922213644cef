package dev.parley.themis;

/**
 * Finds the long-term public key of a Secure Session peer by the id it presents.
 *
 * <p>Called during negotiation, on the thread that calls {@link SecureSession#unwrap}. It may be
 * called more than once per handshake.
 */
@FunctionalInterface
public interface PeerKeyResolver {
    /**
     * @param peerId the id exactly as the peer sent it (a copy; safe to keep)
     * @return the peer's public key, or {@code null} if the peer is unknown (the handshake then
     *     fails with a {@link SecureSessionException})
     */
    PublicKey publicKeyFor(byte[] peerId);
}
