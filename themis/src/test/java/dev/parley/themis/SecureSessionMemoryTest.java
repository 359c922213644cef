package dev.parley.themis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.junit.jupiter.api.Test;

/**
 * An established session holds no elliptic-curve precomputation: BouncyCastle caches several KiB of
 * tables on every point it multiplies, and a server keeps one session per connection.
 */
class SecureSessionMemoryTest {
    private static final byte[] CLIENT_ID = "alice".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SERVER_ID = "server".getBytes(StandardCharsets.UTF_8);

    @Test
    void serverSessionLeavesNoTablesOnTheClientsLongTermKey() throws Exception {
        KeyPair clientPair = KeyPair.generate();
        KeyPair serverPair = KeyPair.generate();
        PublicKey clientKeyAsTheServerHoldsIt =
                PublicKey.fromBytes(clientPair.publicKey().toByteArray());
        SecureSession client =
                SecureSession.create(
                        CLIENT_ID, clientPair.privateKey(), id -> serverPair.publicKey());
        SecureSession server =
                SecureSession.create(
                        SERVER_ID, serverPair.privateKey(), id -> clientKeyAsTheServerHoldsIt);

        byte[] m2 = server.unwrap(client.connectRequest()).data();
        byte[] m3 = client.unwrap(m2).data();
        byte[] m4 = server.unwrap(m3).data();
        client.unwrap(m4);

        assertThat(server.isEstablished()).isTrue();
        assertThat(server.peerPublicKey()).isSameAs(clientKeyAsTheServerHoldsIt);
        assertThat(server.peerId()).isEqualTo(CLIENT_ID);
        assertThat(hasTables(clientKeyAsTheServerHoldsIt.point())).isFalse();
    }

    private static boolean hasTables(ECPoint p) {
        return p.getCurve().getPreCompInfo(p, WNafUtil.PRECOMP_NAME) != null;
    }
}
