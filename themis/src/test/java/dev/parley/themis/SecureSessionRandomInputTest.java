package dev.parley.themis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Genuine messages mangled at random (several flips, cuts, insertions) reach sessions in every
 * state: the only outcomes are a {@link SecureSessionException} with the state unchanged, or, for a
 * data frame whose mangling left its authenticated bytes intact, the genuine message.
 */
class SecureSessionRandomInputTest {
    private static final SessionTestKit.Pair PAIR = SessionTestKit.establish();
    private static final byte[] FRAME = PAIR.client().wrap(SessionTestKit.utf8("genuine"));

    private static List<byte[]> messages() {
        return List.of(PAIR.m1(), PAIR.m2(), PAIR.m3(), PAIR.m4(), FRAME);
    }

    @Provide
    Arbitrary<int[]> edits() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .array(int[].class)
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    @Property(tries = 400)
    void mangledMessagesAreRejectedWithoutSideEffects(
            @ForAll @IntRange(min = 0, max = 4) int which, @ForAll("edits") int[] edits)
            throws Exception {
        byte[] genuine = messages().get(which);
        byte[] mangled = mangle(genuine, edits);
        Assume.that(!Arrays.equals(mangled, genuine));
        for (SecureSession receiver : receivers()) {
            SecureSession.State before = receiver.state();
            try {
                UnwrapResult r = receiver.unwrap(mangled);
                assertThat(r.type()).isEqualTo(UnwrapResult.Type.USER_DATA);
                assertThat(r.data()).isEqualTo(SessionTestKit.utf8("genuine"));
            } catch (SecureSessionException expected) {
                assertThat(receiver.state()).isEqualTo(before);
            }
        }
    }

    /** A fresh server, a client waiting for m2, and the established (strict) server. */
    private static List<SecureSession> receivers() {
        SecureSession waitingClient = SessionTestKit.clientBuilder().build();
        waitingClient.connectRequest();
        return List.of(SessionTestKit.serverBuilder().build(), waitingClient, PAIR.server());
    }

    /**
     * Each edit flips a byte, cuts the tail, or inserts a byte, chosen by the number's low bits.
     */
    private static byte[] mangle(byte[] message, int[] edits) {
        byte[] m = message.clone();
        for (int e : edits) {
            int op = e & 3;
            int arg = e >>> 2;
            if (m.length == 0) {
                m = new byte[] {(byte) arg};
            } else if (op == 0 || op == 1) {
                m[arg % m.length] ^= (byte) (1 + (arg >>> 8) % 255);
            } else if (op == 2) {
                m = Arrays.copyOf(m, arg % m.length);
            } else {
                int at = arg % (m.length + 1);
                byte[] longer = new byte[m.length + 1];
                System.arraycopy(m, 0, longer, 0, at);
                longer[at] = (byte) (arg >>> 8);
                System.arraycopy(m, at, longer, at + 1, m.length - at);
                m = longer;
            }
        }
        return m;
    }
}
