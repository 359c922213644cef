package dev.parley.server.connection;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PrivateKey;
import dev.parley.themis.PublicKey;
import dev.parley.themis.SecureSession;
import dev.parley.themis.SecureSessionException;
import dev.parley.themis.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A v1 frame after the hello: base64 text (MIME line breaks allowed) carrying a Secure Session
 * message, decoded as the server does and unwrapped by a fresh server session that knows the client
 * of the WasmThemis transcript (so the transcript's m1 in the seeds is accepted). Only {@link
 * InputException} (bad base64) or {@link SecureSessionException}.
 */
class V1SessionFrameFuzzTest {
    private static final Map<String, Object> CLIENT =
            Vectors.map(Vectors.load("secure-session-transcript.json"), "client");
    private static final byte[] CLIENT_ID = Vectors.b64(CLIENT, "id");
    private static final PublicKey CLIENT_KEY = publicKey(Vectors.b64(CLIENT, "public"));
    private static final PrivateKey SERVER_KEY = KeyPair.generate().privateKey();

    @FuzzTest
    void decodeAndUnwrap(byte[] input) {
        byte[] message;
        try {
            message = Base64Frames.decode(new String(input, StandardCharsets.UTF_8));
        } catch (InputException expected) {
            return;
        }
        SecureSession server =
                SecureSession.create(
                        Connection.SERVER_ID,
                        SERVER_KEY,
                        id -> Arrays.equals(id, CLIENT_ID) ? CLIENT_KEY : null);
        try {
            server.unwrap(message);
        } catch (SecureSessionException expected) {
            // not a valid first handshake message: the documented outcome
        }
    }

    private static PublicKey publicKey(byte[] container) {
        try {
            return PublicKey.fromBytes(container);
        } catch (KeyFormatException e) {
            throw new IllegalStateException("bad key in the vectors", e);
        }
    }
}
