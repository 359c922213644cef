package dev.parley.themis;

import java.util.Objects;

/** Token Protect output: the ciphertext (same length as the plaintext) and its token. */
public final class SecureCellData {
    private final byte[] data;
    private final byte[] token;

    public SecureCellData(byte[] data, byte[] token) {
        this.data = Objects.requireNonNull(data, "data").clone();
        this.token = Objects.requireNonNull(token, "token").clone();
    }

    /** The encrypted data, a fresh copy. */
    public byte[] data() {
        return data.clone();
    }

    /** The authentication token (44 bytes for cells Themis 0.15 writes), a fresh copy. */
    public byte[] token() {
        return token.clone();
    }

    @Override
    public String toString() {
        return "SecureCellData[" + data.length + " bytes, token " + token.length + " bytes]";
    }
}
