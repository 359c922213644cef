package dev.parley.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.UnaryOperator;

/**
 * The standard streams of the current invocation (replaceable so tests can run commands
 * in-process).
 */
final class Streams {
    private static final ThreadLocal<Streams> CURRENT = new ThreadLocal<>();

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final UnaryOperator<String> env;

    private Streams(InputStream in, PrintStream out, PrintStream err, UnaryOperator<String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    static void set(InputStream in, PrintStream out, PrintStream err, UnaryOperator<String> env) {
        CURRENT.set(new Streams(in, out, err, env));
    }

    static void reset() {
        CURRENT.remove();
    }

    static Streams current() {
        Streams s = CURRENT.get();
        return s != null ? s : new Streams(System.in, System.out, System.err, System::getenv);
    }
}
