package dev.parley.cli;

import org.jline.utils.AttributedString;

/**
 * Where the chat client reads what the user types and shows what arrives. {@link #show} may be
 * called from any thread, also while {@link #readLine} waits; it never garbles the line being
 * typed.
 */
interface ChatScreen extends AutoCloseable {
    /** The next line typed, or null at end of input. */
    String readLine();

    /** Shows {@code line} above the input line. Thread-safe. */
    void show(AttributedString line);

    /** Sets the prompt (shown from the next redraw). Thread-safe. */
    void setPrompt(String prompt);

    /** Asks for a secret without echoing it; null if nobody can be asked (no terminal). */
    String askSecret(String question);

    /**
     * Whether a person types at this screen (commands answered asynchronously) or a script pipes
     * lines.
     */
    boolean interactive();

    @Override
    void close();
}
