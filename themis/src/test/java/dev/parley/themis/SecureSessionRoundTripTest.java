package dev.parley.themis;

import static dev.parley.themis.SessionTestKit.userData;
import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Round trips through one established session, both directions, over random messages. */
class SecureSessionRoundTripTest {
    private final SessionTestKit.Pair pair = SessionTestKit.establish();

    @Property(tries = 300)
    void clientToServerRoundTrips(@ForAll @Size(min = 1, max = 65_536) byte[] message)
            throws Exception {
        byte[] frame = pair.client().wrap(message);
        assertThat(frame).hasSize(message.length + 52);
        assertThat(userData(pair.server().unwrap(frame))).isEqualTo(message);
    }

    @Property(tries = 300)
    void serverToClientRoundTrips(@ForAll @Size(min = 1, max = 65_536) byte[] message)
            throws Exception {
        byte[] frame = pair.server().wrap(message);
        assertThat(userData(pair.client().unwrap(frame))).isEqualTo(message);
    }

    @Property(tries = 100)
    void wrappingDoesNotAliasTheCallersArray(@ForAll @Size(min = 1, max = 4096) byte[] message)
            throws Exception {
        byte[] original = message.clone();
        byte[] frame = pair.client().wrap(message);
        assertThat(message).isEqualTo(original);
        byte[] received = userData(pair.server().unwrap(frame));
        received[0] ^= 1;
        assertThat(message).isEqualTo(original);
    }
}
