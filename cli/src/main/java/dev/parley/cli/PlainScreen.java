package dev.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jline.utils.AttributedString;

/**
 * A screen for scripts: lines from a pipe, plain lines to standard output, no prompt, no colour.
 */
final class PlainScreen implements ChatScreen {
    private final BufferedReader in;
    private final PrintStream out;

    PlainScreen(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void show(AttributedString line) {
        synchronized (out) {
            out.println(line.toString());
            out.flush();
        }
    }

    @Override
    public void setPrompt(String prompt) {
        // scripts get no prompt
    }

    @Override
    public String askSecret(String question) {
        return null;
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public void close() {
        out.flush();
    }
}
