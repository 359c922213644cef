package dev.parley.cli;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * Key files as the {@code parley} commands read and write them: one line, the standard base64 of
 * the Themis key container (or of the raw symmetric key). Private files are created 0600.
 */
public final class KeyFiles {
    private static final long MAX_KEY_FILE = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {}

    public static void writePublic(Path file, byte[] key) throws IOException {
        Files.writeString(
                file,
                Base64.getEncoder().encodeToString(key) + "\n",
                StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** Creates {@code file} with mode 0600 from the start (never world-readable, even briefly). */
    public static void writeSecret(Path file, byte[] key) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(
                file,
                Base64.getEncoder().encodeToString(key) + "\n",
                StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The decoded bytes of a one-line base64 key file. */
    public static byte[] readBase64(Path file) throws IOException {
        if (Files.size(file) > MAX_KEY_FILE) {
            throw new IOException(file + ": too large for a key file");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            throw new IOException(file + ": empty key file");
        }
        try {
            return Base64.getMimeDecoder().decode(strictBase64(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not base64");
        }
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        try {
            return PrivateKey.fromBytes(readBase64(file));
        } catch (KeyFormatException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    public static PublicKey readPublic(Path file) throws IOException {
        try {
            return PublicKey.fromBytes(readBase64(file));
        } catch (KeyFormatException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    public static SymmetricKey readSymmetric(Path file) throws IOException {
        byte[] raw = readBase64(file);
        if (raw.length == 0) {
            throw new IOException(file + ": empty key");
        }
        return SymmetricKey.fromBytes(raw);
    }

    /** Base64 with only line breaks allowed besides the alphabet (the MIME decoder skips junk). */
    static String strictBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '+'
                            || c == '/'
                            || c == '='
                            || c == '\r'
                            || c == '\n';
            if (!ok) {
                throw new IllegalArgumentException("invalid base64 character");
            }
        }
        return text;
    }

    static void refuseExisting(Path file) throws FileAlreadyExistsException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
    }
}
