package dev.parley.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser client's static files, read from the classpath under one prefix (the {@code
 * parley-web} jar puts them at {@value #DEFAULT_PREFIX}). Only the files named in the prefix's
 * {@code files.txt} exist; request paths are single flat names, so nothing outside the prefix can
 * be reached ({@code ..}, encoded slashes, backslashes and the like simply do not match).
 *
 * <p>Thread-safe; files are read once and cached (they are a few MB in total).
 */
public final class WebAssets {
    public static final String DEFAULT_PREFIX = "parley-web/";

    /** No external origin of any kind; WebAssembly compilation needs 'wasm-unsafe-eval'. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; "
                    + "style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES =
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "js", "text/javascript; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "wasm", "application/wasm",
                    "svg", "image/svg+xml",
                    "png", "image/png",
                    "json", "application/json",
                    "txt", "text/plain; charset=utf-8");

    /**
     * One servable file. {@code etag} is a strong validator (quoted) of {@code body}; {@code
     * gzipBody} is the gzip-encoded form, or null when that would not be smaller.
     */
    public record Asset(
            String name, byte[] body, byte[] gzipBody, String contentType, String etag) {
        /** The validator of the gzip-encoded representation (differs from {@link #etag()}). */
        public String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gz\"";
        }
    }

    private final ClassLoader loader;
    private final String prefix;
    private final Set<String> names;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    private WebAssets(ClassLoader loader, String prefix, Set<String> names) {
        this.loader = loader;
        this.prefix = prefix;
        this.names = names;
    }

    /**
     * The assets under {@code prefix} (ending in '/'), or empty if it holds no {@code files.txt}.
     */
    public static Optional<WebAssets> load(ClassLoader loader, String prefix) {
        byte[] list = read(loader, prefix + "files.txt");
        if (list == null) {
            return Optional.empty();
        }
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
            String n = line.strip();
            if (!n.isEmpty() && FILE_NAME.matcher(n).matches() && !n.equals("files.txt")) {
                names.add(n);
            }
        }
        return Optional.of(new WebAssets(loader, prefix, Set.copyOf(names)));
    }

    /** The bundled client, if the {@code parley-web} jar is on the classpath. */
    public static Optional<WebAssets> bundled() {
        return load(WebAssets.class.getClassLoader(), DEFAULT_PREFIX);
    }

    /**
     * The file for a request path (query already removed), {@code /} meaning {@code index.html}.
     * Empty for anything that is not exactly one listed file name.
     */
    public Optional<Asset> find(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!FILE_NAME.matcher(name).matches() || !names.contains(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.computeIfAbsent(name, this::readAsset));
    }

    /** Headers every asset response carries (besides content type and length). */
    public static Map<String, String> securityHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        // file names are not content-hashed: always revalidate (cheap, with the ETag)
        h.put("Cache-Control", "no-cache");
        return h;
    }

    /**
     * True if {@code acceptEncoding} (an Accept-Encoding header value, may be null) allows gzip.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.strip().split(";");
            if (pieces[0].strip().equalsIgnoreCase("gzip")) {
                return pieces.length < 2 || !pieces[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    /** True if an {@code If-None-Match} header value matches {@code etag}. */
    public static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private Asset readAsset(String name) {
        byte[] body = read(loader, prefix + name);
        if (body == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        return new Asset(name, body, gzip(body), type, "\"" + sha256Prefix(body) + "\"");
    }

    private static byte[] gzip(byte[] body) {
        if (body.length < 1024) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 2);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() < body.length * 9L / 10 ? out.toByteArray() : null;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web asset " + resource, e);
        }
    }

    private static String sha256Prefix(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
