package dev.parley.client;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Pinned server keys, one line each: {@code host:port base64(public key container)}; blank lines
 * and lines starting with {@code #} are ignored. The first key seen for a server is recorded (trust
 * on first use); a different key later is refused with {@link ServerKeyChangedException} until the
 * user edits the file, as ssh's {@code known_hosts} works.
 *
 * <p>Thread-safe within one process (methods are synchronized); the file is re-read on each call
 * and only ever appended to.
 */
public final class KnownServers {
    private static final long MAX_FILE_BYTES = 1 << 20;
    private final Path file;

    public KnownServers(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** The pinned key of {@code server} ({@code host:port}), if any. */
    public synchronized Optional<PublicKey> lookup(String server) throws IOException {
        String wanted = normalize(server);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException(file + ": too large for a known-servers file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(file + ": line " + (i + 1) + " is not 'host:port base64key'");
            }
            if (parts[0].toLowerCase(Locale.ROOT).equals(wanted)) {
                try {
                    return Optional.of(PublicKey.fromBytes(Base64.getDecoder().decode(parts[1])));
                } catch (IllegalArgumentException | KeyFormatException e) {
                    throw new IOException(file + ": line " + (i + 1) + " has an invalid key");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Trusts {@code offered} for {@code server} if it is the pinned key, or pins it if none is
     * pinned yet (appending a line).
     *
     * @return true if the key was newly pinned
     * @throws ServerKeyChangedException if another key is pinned for {@code server}
     */
    public synchronized boolean verifyOrPin(String server, PublicKey offered)
            throws IOException, ServerKeyChangedException {
        Objects.requireNonNull(offered, "offered");
        Optional<PublicKey> pinned = lookup(server);
        if (pinned.isPresent()) {
            if (!pinned.get().equals(offered)) {
                throw new ServerKeyChangedException(
                        normalize(server),
                        pinned.get().fingerprint(),
                        offered.fingerprint(),
                        file.toString());
            }
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(
                file,
                normalize(server) + " " + offered.toBase64() + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
        return true;
    }

    private static String normalize(String server) {
        Objects.requireNonNull(server, "server");
        if (server.isEmpty() || server.chars().anyMatch(c -> c <= ' ' || c == '#')) {
            throw new IllegalArgumentException("server must be host:port without spaces");
        }
        return server.toLowerCase(Locale.ROOT);
    }
}
