package dev.parley.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parley} command. Exit status: 0 ok, 1 operation failed, 2 usage error. */
@Command(
        name = "parley",
        mixinStandardHelpOptions = true,
        version = "parley 0.1.0",
        description = "Secure chat on the Themis protocols.",
        subcommands = {
            ServerCommand.class,
            ChatCommand.class,
            HistoryCommand.class,
            KeygenCommand.class,
            CellCommand.class,
            BenchCommand.class
        })
public final class ParleyCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command with the given streams; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System::getenv);
    }

    /**
     * As {@link #run(String[], InputStream, PrintStream, PrintStream)} with a given environment.
     */
    public static int run(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            UnaryOperator<String> env) {
        Streams.set(in, out, err, env);
        try {
            CommandLine cl = new CommandLine(new ParleyCommand());
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            cl.setExecutionExceptionHandler(
                    (ex, commandLine, parseResult) -> {
                        if (ex instanceof CommandFailure) {
                            err.println("parley: " + ex.getMessage());
                            err.flush();
                            return 1;
                        }
                        throw ex;
                    });
            return cl.execute(args);
        } finally {
            Streams.reset();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
