package dev.parley.server.identity;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorized-keys file of the {@code closed} policy: one {@code name base64key} per line, blank
 * lines and lines starting with {@code #} ignored. Immutable and thread-safe.
 */
public final class AuthorizedKeys {
    private final Map<String, PublicKey> keys;

    private AuthorizedKeys(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * @throws IOException if the file is unreadable or a line is malformed (with its number)
     */
    public static AuthorizedKeys load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static AuthorizedKeys parse(List<String> lines, String source) throws IOException {
        Map<String, PublicKey> keys = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(source + ":" + (i + 1) + ": expected 'name base64key'");
            }
            try {
                keys.put(parts[0], PublicKey.fromBytes(Base64.getDecoder().decode(parts[1])));
            } catch (IllegalArgumentException | KeyFormatException e) {
                throw new IOException(source + ":" + (i + 1) + ": invalid public key");
            }
        }
        return new AuthorizedKeys(keys);
    }

    /** The key listed for {@code name}, or null. */
    public PublicKey keyFor(String name) {
        return keys.get(name);
    }

    public int size() {
        return keys.size();
    }
}
