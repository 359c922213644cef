package dev.parley.cli;

import dev.parley.client.store.LocalStore;
import dev.parley.client.store.WrongPassphraseException;
import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the client keeps its data ({@code --home}, else {@code $PARLEY_HOME}, else {@code
 * ~/.parley}) and how the passphrase is obtained ({@code $PARLEY_PASSPHRASE}, else asked).
 */
final class LocalData {
    static final String HOME_ENV = "PARLEY_HOME";
    static final String PASSPHRASE_ENV = "PARLEY_PASSPHRASE";

    /** Asks the user for a secret; returns null if nobody can be asked. */
    interface Prompt extends Function<String, String> {}

    private LocalData() {}

    static Path home(Path option) {
        if (option != null) {
            return option;
        }
        String env = Streams.current().env.apply(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".parley");
    }

    /**
     * Opens the store in {@code home}, or creates it with a fresh identity when {@code create} is
     * allowed. A wrong passphrase is one clear {@link CommandFailure}; nothing is changed.
     */
    static LocalStore open(Path home, boolean create, Prompt prompt) {
        boolean exists = LocalStore.exists(home);
        if (!exists && !create) {
            throw new CommandFailure("no Parley data in " + home + " (run 'parley chat' first)");
        }
        String passphrase = Streams.current().env.apply(PASSPHRASE_ENV);
        if (passphrase == null || passphrase.isEmpty()) {
            passphrase =
                    prompt.apply(
                            exists
                                    ? "Passphrase for " + home + ": "
                                    : "New passphrase for " + home + ": ");
            if (passphrase == null) {
                throw new CommandFailure(
                        "no passphrase: set " + PASSPHRASE_ENV + " or run in a terminal");
            }
            if (!exists) {
                String again = prompt.apply("Repeat passphrase: ");
                if (!passphrase.equals(again)) {
                    throw new CommandFailure("the passphrases differ; nothing was created");
                }
            }
        }
        if (passphrase.isEmpty()) {
            throw new CommandFailure("the passphrase must not be empty");
        }
        try {
            if (exists) {
                return LocalStore.open(home, passphrase);
            }
            KeyPair identity = KeyPair.generate();
            LocalStore store = LocalStore.create(home, passphrase, identity);
            Streams.current()
                    .err
                    .println(
                            "parley: created a new identity in "
                                    + home
                                    + " (key "
                                    + identity.publicKey().fingerprint()
                                    + ")");
            return store;
        } catch (WrongPassphraseException e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("cannot use " + home + ": " + e.getMessage());
        }
    }
}
