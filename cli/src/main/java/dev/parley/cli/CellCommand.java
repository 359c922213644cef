package dev.parley.cli;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellData;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.SymmetricKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley cell encrypt|decrypt}: Secure Cell for scripts and cross-language checks. {@code
 * encrypt} reads raw bytes on stdin and prints base64 (Token Protect: the data line, then the token
 * line); {@code decrypt} reads that and writes the raw plaintext.
 */
@Command(
        name = "cell",
        mixinStandardHelpOptions = true,
        description = {
            "Encrypt or decrypt stdin with Themis Secure Cell.",
            "encrypt: raw bytes in, base64 out (token-protect: data line, then token line).",
            "decrypt: that base64 in, raw bytes out. Exit 1 if the data is not authentic."
        })
final class CellCommand implements Runnable {
    /** Stdin larger than this is refused instead of exhausting memory. */
    static final int MAX_INPUT = 256 * 1024 * 1024;

    enum Action {
        encrypt,
        decrypt
    }

    enum Mode {
        seal("seal"),
        tokenProtect("token-protect"),
        contextImprint("context-imprint");

        private final String flag;

        Mode(String flag) {
            this.flag = flag;
        }

        @Override
        public String toString() {
            return flag;
        }
    }

    @Parameters(index = "0", paramLabel = "encrypt|decrypt", description = "what to do")
    Action action;

    @Option(
            names = "--mode",
            required = true,
            paramLabel = "MODE",
            converter = ModeConverter.class,
            description = "seal, token-protect or context-imprint")
    Mode mode;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Secret secret;

    static final class Secret {
        @Option(
                names = "--key-file",
                paramLabel = "FILE",
                description = "one line: base64 of the raw symmetric key")
        Path keyFile;

        @Option(
                names = "--passphrase-env",
                paramLabel = "VAR",
                description = "environment variable holding a passphrase (seal only)")
        String passphraseEnv;
    }

    @Option(
            names = "--context",
            paramLabel = "TEXT",
            description = "context (UTF-8); required for context-imprint")
    String context;

    @Override
    public void run() {
        byte[] ctx = context == null ? null : context.getBytes(StandardCharsets.UTF_8);
        if (mode == Mode.contextImprint && (ctx == null || ctx.length == 0)) {
            throw new CommandFailure("context-imprint needs a non-empty --context");
        }
        if (secret.passphraseEnv != null && mode != Mode.seal) {
            throw new CommandFailure("a passphrase works only with --mode seal");
        }
        Streams s = Streams.current();
        byte[] input = readAll(s.in);
        byte[] output = action == Action.encrypt ? encrypt(input, ctx) : decrypt(input, ctx);
        s.out.write(output, 0, output.length);
        s.out.flush();
    }

    private byte[] encrypt(byte[] plaintext, byte[] ctx) {
        if (plaintext.length == 0) {
            throw new CommandFailure("nothing to encrypt: stdin is empty");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        switch (mode) {
            case seal:
                return line(b64.encodeToString(seal().encrypt(plaintext, ctx)));
            case tokenProtect:
                SecureCellData out = SecureCell.tokenProtectWithKey(key()).encrypt(plaintext, ctx);
                return line(
                        b64.encodeToString(out.data()) + "\n" + b64.encodeToString(out.token()));
            default:
                return line(
                        b64.encodeToString(
                                SecureCell.contextImprintWithKey(key()).encrypt(plaintext, ctx)));
        }
    }

    private byte[] decrypt(byte[] input, byte[] ctx) {
        List<String> lines =
                new String(input, StandardCharsets.US_ASCII)
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .collect(Collectors.toList());
        int expected = mode == Mode.tokenProtect ? 2 : 1;
        if (lines.size() != expected) {
            throw new CommandFailure(
                    "expected "
                            + expected
                            + (expected == 1 ? " line" : " lines")
                            + " of base64 on stdin, got "
                            + lines.size());
        }
        byte[] first = base64(lines.get(0));
        try {
            switch (mode) {
                case seal:
                    return seal().decrypt(first, ctx);
                case tokenProtect:
                    return SecureCell.tokenProtectWithKey(key())
                            .decrypt(first, base64(lines.get(1)), ctx);
                default:
                    return SecureCell.contextImprintWithKey(key()).decrypt(first, ctx);
            }
        } catch (SecureCellException e) {
            throw new CommandFailure(
                    "decryption failed: wrong key, passphrase or context, or the data was altered");
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("cannot decrypt: " + e.getMessage());
        }
    }

    private SecureCell.Seal seal() {
        if (secret.passphraseEnv != null) {
            String passphrase = Streams.current().env.apply(secret.passphraseEnv);
            if (passphrase == null || passphrase.isEmpty()) {
                throw new CommandFailure(
                        "environment variable " + secret.passphraseEnv + " is unset or empty");
            }
            return SecureCell.sealWithPassphrase(passphrase);
        }
        return SecureCell.sealWithKey(key());
    }

    private SymmetricKey key() {
        try {
            return KeyFiles.readSymmetric(secret.keyFile);
        } catch (IOException e) {
            throw new CommandFailure("cannot read key file: " + e.getMessage());
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("input is not valid base64");
        }
    }

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readAll(InputStream in) {
        try {
            byte[] data = in.readNBytes(MAX_INPUT + 1);
            if (data.length > MAX_INPUT) {
                throw new CommandFailure("input larger than " + (MAX_INPUT >> 20) + " MiB");
            }
            return data;
        } catch (IOException e) {
            throw new CommandFailure("cannot read stdin: " + e.getMessage());
        }
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            for (Mode m : Mode.values()) {
                if (m.flag.equals(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected seal, token-protect or context-imprint but was '" + value + "'");
        }
    }
}
