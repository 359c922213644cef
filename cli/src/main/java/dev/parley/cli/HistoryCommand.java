package dev.parley.cli;

import dev.parley.client.internal.ClientConfig;
import dev.parley.client.store.ConversationLog;
import dev.parley.client.store.HistoryEntry;
import dev.parley.client.store.LocalStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley history}: prints the local (encrypted) message history. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Print the message history stored on this device by 'parley chat'.",
            "It is decrypted with the passphrase ($PARLEY_PASSPHRASE, else asked)."
        })
final class HistoryCommand implements Runnable {
    @Option(
            names = "--server",
            paramLabel = "URI",
            description = "only this server (ws://HOST:PORT)")
    URI server;

    @Option(
            names = "--room",
            paramLabel = "ROOM",
            description = "only this room (or @NAME for direct messages)")
    String room;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "local data directory (default $PARLEY_HOME or ~/.parley)")
    Path home;

    @Override
    public void run() {
        Streams s = Streams.current();
        LocalStore store = LocalData.open(LocalData.home(home), false, HistoryCommand::askSecret);
        String hostPort = server == null ? null : ClientConfig.hostPort(server);
        List<ConversationLog> logs;
        try {
            logs = store.conversations(hostPort);
        } catch (IOException e) {
            throw new CommandFailure("cannot read the local history: " + e.getMessage());
        }
        PrintStream out = s.out;
        for (ConversationLog log : logs) {
            if (room != null && !room.equals(log.conversation())) {
                continue;
            }
            out.println("== " + log.server() + " " + log.conversation() + " ==");
            if (log.hadTornTail()) {
                s.err.println(
                        "parley: the last record of "
                                + log.server()
                                + " "
                                + log.conversation()
                                + " was cut short by an interrupted write and is skipped; earlier records are intact");
            }
            for (HistoryEntry e : log.entries()) {
                out.println(
                        ChatFormat.historyLine(
                                e.timestamp(),
                                e.from(),
                                e.to(),
                                e.kind() == HistoryEntry.Kind.DIRECT,
                                e.text()));
            }
        }
        out.flush();
    }

    private static String askSecret(String question) {
        java.io.Console console = System.console();
        if (console == null || Streams.current().in != System.in) {
            return null;
        }
        char[] answer = console.readPassword("%s", question);
        return answer == null ? null : new String(answer);
    }
}
