package dev.parley.server.cluster;

import dev.parley.server.store.StorageException;
import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The cluster key file: one line, the standard base64 of a {@value SymmetricKey#GENERATED_LENGTH}
 * byte key, shared by every node of a cluster (make one with {@code parley keygen} or {@code head
 * -c 32 /dev/urandom | base64}). Unlike the storage key it is never created: a node that made up
 * its own key could not read what the others wrote, so a missing or malformed file is an error and
 * the node must not start.
 */
public final class ClusterKeyFile {
    private ClusterKeyFile() {}

    /**
     * Reads the key.
     *
     * @throws StorageException if the file is missing, unreadable or not exactly one canonical
     *     base64 line of {@value SymmetricKey#GENERATED_LENGTH} bytes (no key material in the
     *     message)
     */
    public static SymmetricKey load(Path file) throws StorageException {
        Objects.requireNonNull(file, "cluster key file");
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StorageException("cluster key file not found: " + file);
        } catch (IOException e) {
            throw new StorageException("cannot read the cluster key file " + file, e);
        }
        try {
            String text = new String(content, StandardCharsets.US_ASCII).strip();
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new StorageException("cluster key file is malformed: not one line of base64");
            }
            try {
                if (raw.length != SymmetricKey.GENERATED_LENGTH) {
                    throw new StorageException(
                            "cluster key file is malformed: expected "
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
}
