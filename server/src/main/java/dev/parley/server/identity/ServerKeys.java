package dev.parley.server.identity;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * Loads the server's long-term key pair. Key file format: one line, standard base64 of the Themis
 * {@code REC2} private key container (what {@code parley keygen} writes); MIME line breaks are
 * tolerated. With no explicit file, {@code server.key} (mode 0600) and {@code server.pub} are
 * created in the data directory on first start.
 */
public final class ServerKeys {
    public static final String PRIVATE_KEY_FILE = "server.key";
    public static final String PUBLIC_KEY_FILE = "server.pub";

    private ServerKeys() {}

    /**
     * @param keyFile explicit key file, or null to load-or-create in {@code dataDir}
     * @throws IOException if a file cannot be read or written, or does not hold a valid key
     */
    public static KeyPair loadOrCreate(Path keyFile, Path dataDir) throws IOException {
        if (keyFile != null) {
            return load(keyFile);
        }
        Path priv = dataDir.resolve(PRIVATE_KEY_FILE);
        if (Files.exists(priv)) {
            return load(priv);
        }
        Files.createDirectories(dataDir);
        KeyPair pair = KeyPair.generate();
        byte[] line =
                (Base64.getEncoder().encodeToString(pair.privateKey().toByteArray()) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
        try {
            if (supportsPosix(dataDir)) {
                Files.createFile(
                        priv,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(priv);
            }
        } catch (FileAlreadyExistsException raced) {
            return load(priv);
        }
        Files.write(priv, line, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(dataDir.resolve(PUBLIC_KEY_FILE), pair.publicKey().toBase64() + "\n");
        return pair;
    }

    /** Reads a key file; the error message never contains the file's content. */
    public static KeyPair load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] container;
        try {
            container = Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("key file " + file + " is not base64");
        }
        try {
            return KeyPair.of(PrivateKey.fromBytes(container));
        } catch (KeyFormatException e) {
            throw new IOException("key file " + file + " does not hold a valid private key");
        }
    }

    private static boolean supportsPosix(Path dir) {
        Set<String> views = dir.getFileSystem().supportedFileAttributeViews();
        return views.contains("posix");
    }
}
