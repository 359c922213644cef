package dev.parley.bench;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.SymmetricKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Secure Cell throughput, one thread: Seal with a key (how the server seals history at rest) at 64
 * B and 1 KiB, and Seal with a passphrase (one PBKDF2 run of 314,110 iterations each).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecureCellBenchmark {

    @State(Scope.Thread)
    public static class KeyCell {
        @Param({"64", "1024"})
        public int size;

        SecureCell.Seal seal;
        byte[] plaintext;
        byte[] context;
        byte[] sealed;

        @Setup
        public void setUp() {
            seal = SecureCell.sealWithKey(SymmetricKey.generate());
            plaintext = new byte[size];
            context = "room:main#12345".getBytes(StandardCharsets.UTF_8);
            sealed = seal.encrypt(plaintext, context);
        }
    }

    @State(Scope.Thread)
    public static class PassphraseCell {
        SecureCell.Seal seal = SecureCell.sealWithPassphrase("correct horse battery staple");
        byte[] plaintext = new byte[64];
    }

    @Benchmark
    public byte[] sealWithKey(KeyCell s) {
        return s.seal.encrypt(s.plaintext, s.context);
    }

    @Benchmark
    public byte[] openWithKey(KeyCell s) throws SecureCellException {
        return s.seal.decrypt(s.sealed, s.context);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] sealWithPassphrase(PassphraseCell s) {
        return s.seal.encrypt(s.plaintext);
    }
}
