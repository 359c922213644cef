package dev.parley.themis;

import dev.parley.themis.internal.cell.ContextImprintWithKey;
import dev.parley.themis.internal.cell.SealWithKey;
import dev.parley.themis.internal.cell.SealWithPassphrase;
import dev.parley.themis.internal.cell.TokenProtectWithKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Themis Secure Cell: symmetric encryption of data at rest, byte-compatible with Themis 0.15.
 *
 * <p>Four modes, each obtained from a factory here:
 *
 * <ul>
 *   <li>{@link Seal} with a key or a passphrase: authenticated, output = token ‖ ciphertext;
 *   <li>{@link TokenProtect}: authenticated, ciphertext as long as the plaintext, token apart;
 *   <li>{@link ContextImprint}: deterministic, length-preserving, <b>not</b> authenticated.
 * </ul>
 *
 * A context (optional except for Context Imprint) binds the data to where it belongs: the same
 * context must be given to decrypt. {@code null} and an empty context are the same.
 *
 * <p>All instances are immutable and thread-safe. IVs and salts are always chosen internally.
 */
public final class SecureCell {
    private SecureCell() {}

    /** Seal mode with a symmetric key. */
    public static Seal sealWithKey(SymmetricKey key) {
        return new SealWithKey(Objects.requireNonNull(key, "key").bytes());
    }

    /**
     * Seal mode with a passphrase (UTF-8 encoded, as JavaThemis and WasmThemis do). Every
     * encryption and decryption runs PBKDF2 (314,110 iterations when encrypting): slow by design.
     */
    public static Seal sealWithPassphrase(String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        return sealWithPassphrase(passphrase.getBytes(StandardCharsets.UTF_8));
    }

    /** Seal mode with a passphrase given as raw bytes. */
    public static Seal sealWithPassphrase(byte[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("passphrase must not be empty");
        }
        return new SealWithPassphrase(passphrase.clone());
    }

    /** Token Protect mode with a symmetric key. */
    public static TokenProtect tokenProtectWithKey(SymmetricKey key) {
        return new TokenProtectWithKey(Objects.requireNonNull(key, "key").bytes());
    }

    /** Context Imprint mode with a symmetric key. */
    public static ContextImprint contextImprintWithKey(SymmetricKey key) {
        return new ContextImprintWithKey(Objects.requireNonNull(key, "key").bytes());
    }

    /** Seal mode: the output carries its own authentication token. */
    public interface Seal {
        /**
         * @throws IllegalArgumentException if {@code data} is empty
         */
        byte[] encrypt(byte[] data, byte[] context);

        default byte[] encrypt(byte[] data) {
            return encrypt(data, null);
        }

        /**
         * @throws SecureCellException if the cell is malformed or not authentic for this
         *     key/passphrase and context
         */
        byte[] decrypt(byte[] cell, byte[] context) throws SecureCellException;

        default byte[] decrypt(byte[] cell) throws SecureCellException {
            return decrypt(cell, null);
        }
    }

    /** Token Protect mode: ciphertext and authentication token are kept apart. */
    public interface TokenProtect {
        /**
         * @throws IllegalArgumentException if {@code data} is empty
         */
        SecureCellData encrypt(byte[] data, byte[] context);

        default SecureCellData encrypt(byte[] data) {
            return encrypt(data, null);
        }

        /**
         * @throws SecureCellException if the token is malformed or the data not authentic
         */
        byte[] decrypt(byte[] data, byte[] token, byte[] context) throws SecureCellException;

        default byte[] decrypt(byte[] data, byte[] token) throws SecureCellException {
            return decrypt(data, token, null);
        }
    }

    /**
     * Context Imprint mode: deterministic AES-256-CTR, output as long as the input. It cannot
     * detect tampering or a wrong key/context: decryption then returns wrong bytes.
     */
    public interface ContextImprint {
        /**
         * @throws IllegalArgumentException if {@code data} or {@code context} is empty
         */
        byte[] encrypt(byte[] data, byte[] context);

        /**
         * @throws IllegalArgumentException if {@code data} or {@code context} is empty
         */
        byte[] decrypt(byte[] data, byte[] context);
    }
}
