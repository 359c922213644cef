package dev.parley.cli;

import dev.parley.themis.KeyPair;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley keygen --private FILE --public FILE}: a fresh EC P-256 key pair. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Generate an EC P-256 key pair in Themis containers.",
            "Each file holds one line: the base64 of the key container. The private key file is created with mode 0600."
        })
final class KeygenCommand implements Runnable {
    @Option(
            names = "--private",
            required = true,
            paramLabel = "FILE",
            description = "where to write the private key (must not exist)")
    Path privateFile;

    @Option(
            names = "--public",
            required = true,
            paramLabel = "FILE",
            description = "where to write the public key (must not exist)")
    Path publicFile;

    @Override
    public void run() {
        KeyPair pair = KeyPair.generate();
        try {
            KeyFiles.refuseExisting(privateFile);
            KeyFiles.refuseExisting(publicFile);
            KeyFiles.writeSecret(privateFile, pair.privateKey().toByteArray());
            KeyFiles.writePublic(publicFile, pair.publicKey().toByteArray());
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailure("refusing to overwrite " + e.getFile());
        } catch (IOException e) {
            throw new CommandFailure("cannot write key files: " + e.getMessage());
        }
        Streams s = Streams.current();
        s.out.println("public key: " + pair.publicKey().toBase64());
        s.out.println("fingerprint: " + pair.publicKey().fingerprint());
        s.out.flush();
    }
}
