package dev.parley.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;

/**
 * The interactive screen: JLine line editing with in-memory history (typed lines are never written
 * to disk), incoming lines printed above the prompt ({@link LineReader#printAbove}), colours where
 * the terminal has them. Works on dumb terminals too.
 */
final class TerminalScreen implements ChatScreen {
    private final Terminal terminal;
    private final LineReaderImpl reader;
    private volatile String prompt = "> ";

    TerminalScreen() {
        try {
            terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader =
                (LineReaderImpl)
                        LineReaderBuilder.builder()
                                .terminal(terminal)
                                .appName("parley")
                                .variable(LineReader.HISTORY_SIZE, 500)
                                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                                .build();
    }

    @Override
    public String readLine() {
        try {
            return reader.readLine(prompt);
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        }
    }

    @Override
    public void show(AttributedString line) {
        reader.printAbove(line);
    }

    @Override
    public void setPrompt(String prompt) {
        this.prompt = prompt;
        reader.setPrompt(prompt);
        if (reader.isReading()) {
            try {
                reader.callWidget(LineReader.REDRAW_LINE);
                reader.callWidget(LineReader.REDISPLAY);
            } catch (IllegalStateException e) {
                // not reading any more: the next readLine shows the new prompt
            }
        }
    }

    @Override
    public String askSecret(String question) {
        reader.setVariable(
                LineReader.DISABLE_HISTORY, true); // never keep a passphrase, not even in memory
        try {
            return reader.readLine(question, '*');
        } catch (EndOfFileException | UserInterruptException e) {
            return null;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException e) {
            // closing the terminal at exit: nothing to do
        }
    }
}
