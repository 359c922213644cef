package dev.parley.themis.testing;

import java.util.Map;

/**
 * One WasmThemis Secure Session inside a {@link WasmThemisPeer}, addressed by handle. It is a
 * server until {@link #connectRequest()} makes it a client. Feed it every handshake message with
 * {@link #negotiate}; once {@link #isEstablished()}, use {@link #wrap} and {@link #unwrap}.
 *
 * <p>Themis failures are {@link WasmThemisException}s with the Themis error code. Close it to free
 * the session in the WebAssembly heap (closing the peer frees all of them).
 */
public final class WasmSession implements AutoCloseable {
    private final WasmThemisPeer peer;
    private final long handle;
    private boolean destroyed;

    WasmSession(WasmThemisPeer peer, long handle) {
        this.peer = peer;
        this.handle = handle;
    }

    /** The connect request (m1); makes this session a client. */
    public byte[] connectRequest() {
        return peer.data(command("ss_connect"));
    }

    /**
     * Processes one handshake message from the peer and returns the reply to send back, or an empty
     * array when there is nothing to send (the client after the last message).
     */
    public byte[] negotiate(byte[] message) {
        Map<String, Object> r = peer.call(command("ss_negotiate").bytes("data", message));
        return WasmThemisPeer.bytes(r, "data");
    }

    public boolean isEstablished() {
        return WasmThemisPeer.booleanField(peer.call(command("ss_established")), "established");
    }

    public byte[] wrap(byte[] message) {
        return peer.data(command("ss_wrap").bytes("msg", message));
    }

    public byte[] unwrap(byte[] wrapped) {
        return peer.data(command("ss_unwrap").bytes("data", wrapped));
    }

    /** Destroys the WasmThemis session; does nothing if already destroyed or the peer is closed. */
    @Override
    public void close() {
        if (destroyed || peer.isClosed()) {
            destroyed = true;
            return;
        }
        PeerJson.Command destroy = command("ss_destroy");
        destroyed = true;
        peer.call(destroy);
    }

    private PeerJson.Command command(String name) {
        if (destroyed) {
            throw new IllegalStateException("WasmThemis session " + handle + " was closed");
        }
        return new PeerJson.Command(name).number("handle", handle);
    }

    @Override
    public String toString() {
        return "WasmSession[" + handle + "]";
    }
}
