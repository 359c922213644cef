package dev.parley.cli;

import dev.parley.client.KnownServers;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyConnection;
import dev.parley.client.ServerKeyChangedException;
import dev.parley.client.internal.ClientConfig;
import dev.parley.client.store.LocalStore;
import dev.parley.protocol.Names;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.PublicKey;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley chat --server ws://HOST:PORT --name NAME [--server-key B64]}: the terminal client.
 * Interactive on a terminal; with piped standard input it sends each line (or command) in order,
 * waits for each answer, and exits at end of input.
 */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "Chat on a Parley server (protocol v2 over Themis Secure Session).",
            "Your identity key and message history are kept encrypted under ~/.parley (or --home, $PARLEY_HOME),"
                    + " sealed with a passphrase ($PARLEY_PASSPHRASE, else asked).",
            "The server key is pinned: --server-key, else trust on first use in ~/.parley/known_servers.",
            "With standard input from a pipe, every line is sent and the command exits at end of input.",
            "Commands: /join /leave /rooms /who /msg /history /help /quit"
        })
final class ChatCommand implements Runnable {
    private static final long CONNECT_WAIT_SECONDS = 30;
    private static final long ECHO_WAIT_MILLIS = 5_000;
    private static final long CLOSE_WAIT_SECONDS = 10;

    @Option(
            names = "--server",
            required = true,
            paramLabel = "URI",
            description = "ws://HOST:PORT or wss://HOST:PORT")
    URI server;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "your user name")
    String name;

    @Option(
            names = "--server-key",
            paramLabel = "B64",
            description = "pin exactly this server public key (base64)")
    String serverKey;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "local data directory (default $PARLEY_HOME or ~/.parley)")
    Path home;

    @Option(
            names = "--room",
            paramLabel = "ROOM",
            description = "room to join and talk in at start (default main)")
    String room;

    @Override
    public void run() {
        ParleyClient.Builder builder = ParleyClient.builder();
        try {
            builder.server(server).name(Names.normalize(name));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        if (room != null && !Names.isValidRoomName(room)) {
            throw new CommandFailure("invalid room name");
        }
        PublicKey pinned = serverKey == null ? null : parseKey(serverKey);
        Streams s = Streams.current();
        boolean interactive = s.in == System.in && System.console() != null;
        try (ChatScreen screen =
                interactive ? new TerminalScreen() : new PlainScreen(s.in, s.out)) {
            LocalStore store = LocalData.open(LocalData.home(home), true, screen::askSecret);
            String hostPort = ClientConfig.hostPort(server);
            ChatController controller =
                    new ChatController(screen, store, hostPort, Names.normalize(name));
            builder.identity(store.identity()).listener(controller);
            if (pinned != null) {
                builder.serverKey(pinned);
            } else {
                builder.knownServers(new KnownServers(store.knownServersFile()));
            }
            ParleyConnection connection = connect(builder);
            try {
                controller.attach(connection);
                if (room != null && !room.equals(controller.room())) {
                    controller.handle("/join " + room);
                }
                String line;
                while ((line = screen.readLine()) != null) {
                    if (!controller.handle(line)) {
                        break;
                    }
                }
                if (!screen.interactive()) {
                    controller.awaitEchoes(
                            ECHO_WAIT_MILLIS); // flush: own lines stored before exiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.close();
                try {
                    connection.closed().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // closing anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static ParleyConnection connect(ParleyClient.Builder builder) {
        try {
            return builder.connect().get(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ServerKeyChangedException) {
                throw new CommandFailure(
                        "\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                                + c.getMessage()
                                + "\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@");
            }
            throw new CommandFailure("cannot connect: " + c.getMessage());
        } catch (TimeoutException e) {
            throw new CommandFailure(
                    "cannot connect: no answer within " + CONNECT_WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted");
        }
    }

    private static PublicKey parseKey(String b64) {
        try {
            return PublicKey.fromBytes(
                    Base64.getMimeDecoder().decode(KeyFiles.strictBase64(b64.strip())));
        } catch (IllegalArgumentException | KeyFormatException e) {
            throw new CommandFailure("--server-key is not a base64 Themis public key");
        }
    }
}
