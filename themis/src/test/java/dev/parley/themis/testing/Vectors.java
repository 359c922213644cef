package dev.parley.themis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Loads the WasmThemis test vectors copied into test resources under {@code /vectors}. */
public final class Vectors {
    private Vectors() {}

    public static Map<String, Object> load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector file " + name);
            }
            return Json.object(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> file, String key) {
        return (List<Map<String, Object>>) file.get(key);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> file, String key) {
        return (Map<String, Object>) file.get(key);
    }

    /** Base64 field, or null when absent. */
    public static byte[] b64(Map<String, Object> entry, String key) {
        Object v = entry.get(key);
        return v == null ? null : Base64.getDecoder().decode((String) v);
    }

    public static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
