package dev.parley.server.store;

import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage key file, {@value #FILE_NAME} in the data directory: the standard base64 of {@value
 * SymmetricKey#GENERATED_LENGTH} random bytes on one line, mode 0600.
 *
 * <p>An existing file is never replaced: if it cannot be read or does not hold exactly one base64
 * line of {@value SymmetricKey#GENERATED_LENGTH} bytes, {@link #loadOrCreate} fails and the server
 * must not start (a new key would make all stored history unreadable). A new file is written to a
 * temporary file, synced, and then linked into place, so a crash leaves either no key file or a
 * complete one.
 */
public final class StorageKeyFile {
    public static final String FILE_NAME = "storage.key";
    private static final Logger LOG = LoggerFactory.getLogger(StorageKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private StorageKeyFile() {}

    /**
     * Loads the key from {@code dataDir}, creating the directory and a new random key if there is
     * no key file yet.
     *
     * @throws StorageException if the file exists but is unreadable or malformed, or cannot be
     *     created (the message never contains key material)
     */
    public static SymmetricKey loadOrCreate(Path dataDir) throws StorageException {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            return load(file);
        }
        SymmetricKey key = SymmetricKey.generate();
        try {
            Files.createDirectories(dataDir);
            create(file, key);
            LOG.info("created a new storage key file in the data directory");
            return key;
        } catch (FileAlreadyExistsException e) {
            return load(file); // another process created it first: use theirs
        } catch (IOException e) {
            throw new StorageException("cannot create the storage key file", e);
        }
    }

    static SymmetricKey load(Path file) throws StorageException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StorageException("storage key file vanished while loading");
        } catch (IOException e) {
            throw new StorageException("cannot read the storage key file", e);
        }
        warnIfReadableByOthers(file);
        try {
            String text = new String(content, StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new StorageException("storage key file is malformed: not one line of base64");
            }
            if (!Base64.getEncoder().encodeToString(raw).equals(text)) {
                Arrays.fill(raw, (byte) 0);
                throw new StorageException("storage key file is malformed: not canonical base64");
            }
            try {
                if (raw.length != SymmetricKey.GENERATED_LENGTH) {
                    throw new StorageException(
                            "storage key file is malformed: expected "
                                    + SymmetricKey.GENERATED_LENGTH
                                    + " key bytes");
                }
                return SymmetricKey.fromBytes(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static void create(Path file, SymmetricKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix =
                Files.getFileAttributeView(
                                dir, java.nio.file.attribute.PosixFileAttributeView.class)
                        != null;
        FileAttribute<?>[] attrs =
                posix
                        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                        : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, ".storage-key", ".tmp", attrs);
        try {
            byte[] raw = key.toByteArray();
            byte[] line =
                    (Base64.getEncoder().encodeToString(raw) + "\n")
                            .getBytes(StandardCharsets.US_ASCII);
            Arrays.fill(raw, (byte) 0);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE);
                    FileChannel sync = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(line);
                out.flush();
                sync.force(true);
            } finally {
                Arrays.fill(line, (byte) 0);
            }
            try {
                Files.createLink(file, tmp); // atomic, and fails if the file exists
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw (FileAlreadyExistsException) e;
                }
                // no hard links here: a move without REPLACE_EXISTING refuses an existing file
                Files.move(tmp, file);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the new directory entry durable; best effort (not every platform can). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported here (e.g. Windows); the file itself is already synced
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.removeAll(OWNER_ONLY);
            perms.remove(PosixFilePermission.OWNER_EXECUTE);
            if (!perms.isEmpty()) {
                LOG.warn("storage key file is accessible to other users; run: chmod 600 {}", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
