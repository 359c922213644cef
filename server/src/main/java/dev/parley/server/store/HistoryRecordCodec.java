package dev.parley.server.store;

import dev.parley.themis.SecureCell;
import dev.parley.themis.SecureCellException;
import dev.parley.themis.SymmetricKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How one history record is protected at rest, independent of the database.
 *
 * <pre>
 * conversation column = HMAC-SHA256(conversationKey, UTF-8 conversation)        32 bytes
 *   conversationKey   = HMAC-SHA256(storageKey, "parley/storage/conversation-id/v1")
 * body column         = Secure Cell Seal(storageKey, plaintext, context)
 *   plaintext = 0x01 (version) | ts (int64 BE) | senderLength (uint16 BE) | sender UTF-8 | text UTF-8
 *   context   = "parley/history/v1" | conversationLength (uint32 BE) | conversation UTF-8 | id (int64 BE)
 * </pre>
 *
 * The context binds every body to its conversation and id, so a row moved to another id or
 * conversation fails to decrypt; the keyed conversation column hides room names and who talks to
 * whom from a reader of the file who lacks the key. Thread-safe (immutable; each call makes its own
 * {@link Mac}).
 */
final class HistoryRecordCodec {
    private static final byte VERSION = 1;
    private static final byte[] CONTEXT_LABEL =
            "parley/history/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONVERSATION_KEY_LABEL =
            "parley/storage/conversation-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_CHECK_CONTEXT =
            "parley/storage/key-check/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_CHECK_PLAINTEXT =
            "parley storage key check".getBytes(StandardCharsets.US_ASCII);

    private final SecureCell.Seal cell;
    private final byte[] conversationKey;

    HistoryRecordCodec(SymmetricKey storageKey) {
        this.cell = SecureCell.sealWithKey(storageKey);
        byte[] raw = storageKey.toByteArray();
        this.conversationKey = hmac(raw, CONVERSATION_KEY_LABEL);
        java.util.Arrays.fill(raw, (byte) 0);
    }

    /** The opaque, deterministic id stored for {@code conversation}. */
    byte[] conversationId(String conversation) {
        return hmac(conversationKey, utf8(conversation, "conversation"));
    }

    byte[] seal(String conversation, long id, String sender, String text, long timestampMillis) {
        byte[] senderBytes = utf8(sender, "sender");
        if (senderBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("sender is longer than 65535 bytes");
        }
        byte[] textBytes = utf8(text, "text");
        ByteBuffer plain = ByteBuffer.allocate(1 + 8 + 2 + senderBytes.length + textBytes.length);
        plain.put(VERSION)
                .putLong(timestampMillis)
                .putShort((short) senderBytes.length)
                .put(senderBytes)
                .put(textBytes);
        return cell.encrypt(plain.array(), context(conversation, id));
    }

    StoredMessage open(String conversation, long id, byte[] body) throws StorageException {
        byte[] plain;
        try {
            plain = cell.decrypt(body, context(conversation, id));
        } catch (SecureCellException | RuntimeException e) {
            throw new StorageException("history record " + id + " failed its integrity check");
        }
        ByteBuffer in = ByteBuffer.wrap(plain);
        if (plain.length < 11 || in.get() != VERSION) {
            throw new StorageException("history record " + id + " has an unknown format");
        }
        long ts = in.getLong();
        int senderLength = Short.toUnsignedInt(in.getShort());
        if (senderLength > in.remaining()) {
            throw new StorageException("history record " + id + " has an unknown format");
        }
        String sender = decode(plain, 11, senderLength, id);
        String text = decode(plain, 11 + senderLength, plain.length - 11 - senderLength, id);
        return new StoredMessage(id, conversation, sender, text, ts);
    }

    /** A sealed constant stored once per database, to detect a wrong storage key at open. */
    byte[] keyCheck() {
        return cell.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_CONTEXT);
    }

    boolean verifyKeyCheck(byte[] sealed) {
        try {
            return java.util.Arrays.equals(
                    cell.decrypt(sealed, KEY_CHECK_CONTEXT), KEY_CHECK_PLAINTEXT);
        } catch (SecureCellException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] context(String conversation, long id) {
        byte[] conv = utf8(conversation, "conversation");
        return ByteBuffer.allocate(CONTEXT_LABEL.length + 4 + conv.length + 8)
                .put(CONTEXT_LABEL)
                .putInt(conv.length)
                .put(conv)
                .putLong(id)
                .array();
    }

    private static String decode(byte[] bytes, int offset, int length, long id)
            throws StorageException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StorageException("history record " + id + " has an unknown format");
        }
    }

    /** Strict UTF-8: an unpaired surrogate is a caller bug, not something to store as '?'. */
    static byte[] utf8(String s, String what) {
        try {
            ByteBuffer b =
                    StandardCharsets.UTF_8
                            .newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(java.nio.CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not well-formed UTF-16");
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
