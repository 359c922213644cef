package dev.parley.themis.internal.message;

import dev.parley.themis.SecureCellException;
import dev.parley.themis.SecureMessageException;
import dev.parley.themis.internal.cell.SealWithKey;
import dev.parley.themis.internal.util.Bytes;
import java.util.Objects;

/**
 * EC-encrypted Secure Message (all fields LE32):
 *
 * <pre>
 *  0        4              8
 *  +--------+--------------+--------------------------------------+
 *  | type   | length       | Secure Cell Seal under the ECDH key  |
 *  | 0x26042720 | = whole message length                          |
 *  +--------+--------------+--------------------------------------+
 * </pre>
 */
public final class EncryptedMessage {
    static final long TYPE_EC_ENCRYPTED = 0x26042720L;
    static final int HEADER_LENGTH = 8;
    private static final String FAILURE =
            "Secure Message: malformed, or not encrypted for these keys";

    private EncryptedMessage() {}

    public static byte[] encrypt(byte[] sharedSecret, byte[] message) {
        Objects.requireNonNull(message, "message");
        if (message.length == 0) {
            throw new IllegalArgumentException("Secure Message cannot encrypt an empty message");
        }
        byte[] cell = new SealWithKey(sharedSecret).encrypt(message, null);
        byte[] out = new byte[HEADER_LENGTH + cell.length];
        Bytes.writeLe32(out, 0, TYPE_EC_ENCRYPTED);
        Bytes.writeLe32(out, 4, out.length);
        System.arraycopy(cell, 0, out, HEADER_LENGTH, cell.length);
        return out;
    }

    public static byte[] decrypt(byte[] sharedSecret, byte[] message)
            throws SecureMessageException {
        Objects.requireNonNull(message, "message");
        if (message.length <= HEADER_LENGTH
                || Bytes.readLe32(message, 0) != TYPE_EC_ENCRYPTED
                || Bytes.readLe32(message, 4) != message.length) {
            throw new SecureMessageException(FAILURE);
        }
        byte[] cell = Bytes.slice(message, HEADER_LENGTH, message.length - HEADER_LENGTH);
        try {
            return new SealWithKey(sharedSecret).decrypt(cell, null);
        } catch (SecureCellException e) {
            throw new SecureMessageException(FAILURE);
        }
    }
}
