package dev.parley.themis.fuzz;

import static dev.parley.themis.testing.Vectors.b64;

import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PeerKeyResolver;
import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SymmetricKey;
import dev.parley.themis.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fixed keys every fuzz target uses, taken from the WasmThemis vectors so that the vector
 * messages in the seed corpora are authentic for them (the fuzzer then starts from inputs that pass
 * every check, not only from ones rejected at the first byte).
 */
final class FuzzFixtures {
    static final Map<String, Object> SEAL_KEY_VECTORS = Vectors.load("secure-cell-seal-key.json");
    static final Map<String, Object> PASSPHRASE_VECTORS =
            Vectors.load("secure-cell-seal-passphrase.json");
    static final Map<String, Object> TOKEN_PROTECT_VECTORS =
            Vectors.load("secure-cell-token-protect.json");
    static final Map<String, Object> IMPRINT_VECTORS =
            Vectors.load("secure-cell-context-imprint.json");
    static final Map<String, Object> MESSAGE_VECTORS = Vectors.load("secure-message.json");
    static final Map<String, Object> TRANSCRIPT = Vectors.load("secure-session-transcript.json");

    static final SymmetricKey SEAL_KEY =
            SymmetricKey.fromBytes(b64(firstCase(SEAL_KEY_VECTORS), "key"));
    static final String PASSPHRASE = (String) firstCase(PASSPHRASE_VECTORS).get("passphrase");
    static final SymmetricKey TOKEN_PROTECT_KEY =
            SymmetricKey.fromBytes(b64(firstCase(TOKEN_PROTECT_VECTORS), "key"));
    static final SymmetricKey IMPRINT_KEY =
            SymmetricKey.fromBytes(b64(firstCase(IMPRINT_VECTORS), "key"));

    /** Secure Message: alice writes and signs, bob reads. */
    static final PrivateKey ALICE_PRIVATE = privateKey(party(MESSAGE_VECTORS, "keys", "alice"));

    static final PublicKey ALICE_PUBLIC = publicKey(party(MESSAGE_VECTORS, "keys", "alice"));
    static final PrivateKey BOB_PRIVATE = privateKey(party(MESSAGE_VECTORS, "keys", "bob"));
    static final PublicKey BOB_PUBLIC = publicKey(party(MESSAGE_VECTORS, "keys", "bob"));

    /** Secure Session: the two parties of the WasmThemis transcript. */
    static final byte[] CLIENT_ID = b64(Vectors.map(TRANSCRIPT, "client"), "id");

    static final byte[] SERVER_ID = b64(Vectors.map(TRANSCRIPT, "server"), "id");
    static final PrivateKey CLIENT_PRIVATE = privateKey(Vectors.map(TRANSCRIPT, "client"));
    static final PublicKey CLIENT_PUBLIC = publicKey(Vectors.map(TRANSCRIPT, "client"));
    static final PrivateKey SERVER_PRIVATE = privateKey(Vectors.map(TRANSCRIPT, "server"));
    static final PublicKey SERVER_PUBLIC = publicKey(Vectors.map(TRANSCRIPT, "server"));

    /** When the transcript was made: its data messages carry timestamps from then. */
    static final Clock TRANSCRIPT_TIME =
            Clock.fixed(
                    Instant.ofEpochSecond((Long) TRANSCRIPT.get("generated_at_unix")),
                    ZoneOffset.UTC);

    /** What a server uses to find clients: knows only the transcript client. */
    static final PeerKeyResolver SERVER_RESOLVER =
            id -> Arrays.equals(id, CLIENT_ID) ? CLIENT_PUBLIC : null;

    /** What a client uses to find servers: knows only the transcript server. */
    static final PeerKeyResolver CLIENT_RESOLVER =
            id -> Arrays.equals(id, SERVER_ID) ? SERVER_PUBLIC : null;

    private FuzzFixtures() {}

    static Map<String, Object> firstCase(Map<String, Object> file) {
        return Vectors.list(file, "cases").get(0);
    }

    static List<Map<String, Object>> entries(Map<String, Object> file, String key) {
        return Vectors.list(file, key);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> party(Map<String, Object> file, String group, String name) {
        return (Map<String, Object>) Vectors.map(file, group).get(name);
    }

    private static PrivateKey privateKey(Map<String, Object> party) {
        try {
            return PrivateKey.fromBytes(b64(party, "private"));
        } catch (KeyFormatException e) {
            throw new IllegalStateException("bad key in the vectors", e);
        }
    }

    private static PublicKey publicKey(Map<String, Object> party) {
        try {
            return PublicKey.fromBytes(b64(party, "public"));
        } catch (KeyFormatException e) {
            throw new IllegalStateException("bad key in the vectors", e);
        }
    }
}
