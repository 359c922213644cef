package dev.parley.client.internal;

import dev.parley.client.Transport;
import dev.parley.client.internal.core.SessionDriver;
import dev.parley.themis.PublicKey;

/**
 * One socket of a {@link ClientConnection}: its transport socket and Secure Session driver.
 * Transport callbacks hop onto the connection's event thread; callbacks of a replaced attempt are
 * ignored there. Fields are touched only on the event thread, apart from {@link #socket}, which is
 * volatile for the output methods.
 */
final class Attempt implements Transport.Listener, SessionDriver.Output {
    private final ClientConnection owner;
    final PublicKey serverKey;
    volatile Transport.Socket socket;
    SessionDriver driver;
    boolean welcomed;
    boolean closed;

    Attempt(ClientConnection owner, PublicKey serverKey) {
        this.owner = owner;
        this.serverKey = serverKey;
    }

    @Override
    public void onText(String text) {
        owner.onLoop(() -> owner.onText(this, text));
    }

    @Override
    public void onBinary(byte[] data) {
        owner.onLoop(() -> owner.onBinary(this, data));
    }

    @Override
    public void onClosed(int code, String reason) {
        owner.onLoop(() -> owner.onSocketClosed(this, code, reason));
    }

    @Override
    public void sendBinary(byte[] data) {
        socket.sendBinary(data);
    }

    void close() {
        closed = true;
        Transport.Socket s = socket;
        if (s != null) {
            s.close();
        }
    }
}
