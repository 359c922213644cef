package dev.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of the parley command with captured streams. */
final class CliRun {
    final int status;
    final byte[] stdout;
    final String stderr;

    private CliRun(int status, byte[] stdout, String stderr) {
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static CliRun run(byte[] stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                ParleyCommand.run(
                        args,
                        new ByteArrayInputStream(stdin),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        env::get);
        return new CliRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(byte[] stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
