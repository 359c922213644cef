package dev.parley.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Hands out loopback source addresses 127.0.0.1, 127.0.0.2, ... so that each gets at most {@code
 * perAddress} sockets: one source address has only the ephemeral port range (28,232 ports with
 * Linux defaults) towards one server port. Thread-safe.
 */
public final class SourceAddresses {
    /** Below the default Linux ephemeral range (32768-60999) with room for other programs. */
    public static final int DEFAULT_PER_ADDRESS = 25_000;

    static final int MAX_ADDRESSES = 254;

    private final int perAddress;
    private int handedOut;

    public SourceAddresses(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("perAddress must be positive: " + perAddress);
        }
        this.perAddress = perAddress;
    }

    /** The address for the next socket. */
    public synchronized InetAddress next() {
        int index = handedOut++ / perAddress;
        if (index >= MAX_ADDRESSES) {
            throw new IllegalStateException(
                    "more than " + MAX_ADDRESSES + " loopback source addresses needed");
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (index + 1)});
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always a valid address
        }
    }

    /** How many distinct addresses have been used so far. */
    public synchronized int addressesUsed() {
        return handedOut == 0 ? 0 : (handedOut - 1) / perAddress + 1;
    }
}
