package dev.parley.client.store;

import dev.parley.client.internal.store.RecordLog;
import dev.parley.themis.KeyFormatException;
import dev.parley.themis.KeyPair;
import dev.parley.themis.PrivateKey;
import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's local data directory ({@code ~/.parley} by default):
 *
 * <pre>
 *   identity.cell     Secure Cell Seal with the passphrase (context "parley-identity-v1") of
 *                     version (u8 = 1) || u16 len || private key container || u16 len || data key
 *   known_servers     pinned server keys, see {@link dev.parley.client.KnownServers}
 *   history/HASH.log  one {@link ConversationLog} per server and conversation; HASH is
 *                     hex(HMAC-SHA256(nameKey, server || 0x00 || conversation)) with
 *                     nameKey = HMAC-SHA256(dataKey, "parley-file-names-v1")
 * </pre>
 *
 * The passphrase runs PBKDF2 once, on open; history records are sealed with the random data key
 * (Secure Cell Seal with a key), so appending a record does not pay for PBKDF2.
 *
 * <p>Thread-safe for {@link #identity()}; conversation logs are not (see {@link ConversationLog}).
 */
public final class LocalStore {
    public static final String IDENTITY_FILE = "identity.cell";
    public static final String KNOWN_SERVERS_FILE = "known_servers";
    public static final String HISTORY_DIR = "history";
    private static final byte[] IDENTITY_CONTEXT =
            "parley-identity-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME_KEY_LABEL =
            "parley-file-names-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final long MAX_IDENTITY_FILE = 64 * 1024;

    private final Path home;
    private final KeyPair identity;
    private final SecureCell.Seal dataSeal;
    private final byte[] nameKey;

    private LocalStore(Path home, KeyPair identity, SymmetricKey dataKey) {
        this.home = home;
        this.identity = identity;
        this.dataSeal = SecureCell.sealWithKey(dataKey);
        this.nameKey = hmac(dataKey.toByteArray(), NAME_KEY_LABEL);
    }

    public static boolean exists(Path home) {
        return Files.exists(home.resolve(IDENTITY_FILE));
    }

    /**
     * Creates the directory (mode 0700 where supported) and its identity file (0600) holding {@code
     * identity} and a fresh data key, both sealed with {@code passphrase}.
     *
     * @throws java.nio.file.FileAlreadyExistsException if an identity file exists already
     */
    public static LocalStore create(Path home, String passphrase, KeyPair identity)
            throws IOException {
        requirePassphrase(passphrase);
        Objects.requireNonNull(identity, "identity");
        createPrivateDirectory(home);
        SymmetricKey dataKey = SymmetricKey.generate();
        byte[] plain = encodeSecrets(identity.privateKey().toByteArray(), dataKey.toByteArray());
        byte[] cell = SecureCell.sealWithPassphrase(passphrase).encrypt(plain, IDENTITY_CONTEXT);
        Arrays.fill(plain, (byte) 0);
        Path file = home.resolve(IDENTITY_FILE);
        try {
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, cell, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        return new LocalStore(home, identity, dataKey);
    }

    /**
     * Opens an existing directory. Reads only; a wrong passphrase changes nothing.
     *
     * @throws WrongPassphraseException if the passphrase does not open the identity file
     * @throws IOException if the file is missing, unreadable or malformed
     */
    public static LocalStore open(Path home, String passphrase)
            throws IOException, WrongPassphraseException {
        requirePassphrase(passphrase);
        Path file = home.resolve(IDENTITY_FILE);
        if (Files.size(file) > MAX_IDENTITY_FILE) {
            throw new IOException(file + ": too large for an identity file");
        }
        byte[] plain;
        try {
            plain =
                    SecureCell.sealWithPassphrase(passphrase)
                            .decrypt(Files.readAllBytes(file), IDENTITY_CONTEXT);
        } catch (SecureCellException e) {
            throw new WrongPassphraseException(
                    "wrong passphrase for "
                            + file
                            + " (or the file is damaged); nothing was changed");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(plain);
            if (in.get() != VERSION) {
                throw new IOException(file + ": unsupported identity file version");
            }
            byte[] privateKey = new byte[in.getShort() & 0xffff];
            in.get(privateKey);
            byte[] dataKey = new byte[in.getShort() & 0xffff];
            in.get(dataKey);
            if (in.hasRemaining() || dataKey.length == 0) {
                throw new IOException(file + ": malformed identity file");
            }
            return new LocalStore(
                    home,
                    KeyPair.of(PrivateKey.fromBytes(privateKey)),
                    SymmetricKey.fromBytes(dataKey));
        } catch (BufferUnderflowException | KeyFormatException e) {
            throw new IOException(file + ": malformed identity file");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    public Path home() {
        return home;
    }

    public KeyPair identity() {
        return identity;
    }

    public Path knownServersFile() {
        return home.resolve(KNOWN_SERVERS_FILE);
    }

    /** Opens (without creating) the log of {@code conversation} on {@code server}. */
    public ConversationLog conversation(String server, String conversation) throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(conversation, "conversation");
        byte[] tag = hmac(nameKey, (server + "\0" + conversation).getBytes(StandardCharsets.UTF_8));
        Path file = home.resolve(HISTORY_DIR).resolve(hex(tag) + ".log");
        return ConversationLog.open(RecordLog.open(file, dataSeal, tag), server, conversation);
    }

    /**
     * Every stored conversation of {@code server} (all servers when null), by conversation name.
     */
    public List<ConversationLog> conversations(String server) throws IOException {
        List<ConversationLog> logs = new ArrayList<>();
        Path dir = home.resolve(HISTORY_DIR);
        if (!Files.isDirectory(dir)) {
            return logs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.log")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                byte[] tag = unhex(name.substring(0, name.length() - ".log".length()));
                if (tag == null || tag.length != RecordLog.FILE_TAG_BYTES) {
                    continue; // not one of ours
                }
                ConversationLog log =
                        ConversationLog.open(RecordLog.open(file, dataSeal, tag), null, null);
                if (log.server() != null && (server == null || server.equals(log.server()))) {
                    logs.add(log);
                }
            }
        }
        logs.sort((a, b) -> a.conversation().compareTo(b.conversation()));
        return logs;
    }

    private static byte[] encodeSecrets(byte[] privateKey, byte[] dataKey) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(privateKey.length);
            out.write(privateKey);
            out.writeShort(dataKey.length);
            out.write(dataKey);
        }
        return bytes.toByteArray();
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(
                    dir,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static void requirePassphrase(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException("passphrase must not be empty");
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16))
                    .append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** Lower-case hex to bytes, or null if {@code s} is not that. */
    private static byte[] unhex(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0
                    || lo < 0
                    || Character.isUpperCase(s.charAt(2 * i))
                    || Character.isUpperCase(s.charAt(2 * i + 1))) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "LocalStore[" + home + "]";
    }
}
