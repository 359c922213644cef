package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebAssetsTest {
    private final WebAssets assets =
            WebAssets.load(getClass().getClassLoader(), "web-assets-test/").orElseThrow();

    @Test
    void rootServesIndexAsHtml() {
        WebAssets.Asset a = assets.find("/").orElseThrow();
        assertThat(a.name()).isEqualTo("index.html");
        assertThat(a.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).startsWith("<!doctype html>");
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(assets.find("/app.js").orElseThrow().contentType())
                .isEqualTo("text/javascript; charset=utf-8");
        assertThat(assets.find("/libthemis.wasm").orElseThrow().contentType())
                .isEqualTo("application/wasm");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/../secret.txt",
                "/..%2fsecret.txt",
                "/%2e%2e/secret.txt",
                "/unlisted.txt",
                "/files.txt",
                "/missing.css",
                "//etc/passwd",
                "/sub/index.html",
                "/.hidden",
                "/index.html/",
                "app.js",
                "/app.js\\..",
                "/C:\\x",
                "/index.html%00"
            })
    void onlyListedFlatNamesAreServed(String path) {
        assertThat(assets.find(path)).as(path).isEmpty();
    }

    @Test
    void missingPrefixMeansNoAssets() {
        assertThat(WebAssets.load(getClass().getClassLoader(), "no-such-prefix/")).isEmpty();
    }

    @Test
    void etagRevalidates() {
        WebAssets.Asset a = assets.find("/app.js").orElseThrow();
        assertThat(a.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(WebAssets.notModified(a.etag(), a.etag())).isTrue();
        assertThat(WebAssets.notModified("\"other\", " + a.etag(), a.etag())).isTrue();
        assertThat(WebAssets.notModified("\"other\"", a.etag())).isFalse();
        assertThat(WebAssets.notModified(null, a.etag())).isFalse();
        assertThat(a.gzipEtag())
                .isNotEqualTo(a.etag())
                .startsWith(a.etag().substring(0, 33))
                .endsWith("-gz\"");
        assertThat(assets.find("/index.html").orElseThrow().etag()).isNotEqualTo(a.etag());
    }

    @Test
    void gzipIsOfferedOnlyWhenItHelpsAndIsAccepted() throws Exception {
        assertThat(assets.find("/app.js").orElseThrow().gzipBody()).as("tiny file").isNull();
        WebAssets.Asset big = assets.find("/big.js").orElseThrow();
        assertThat(big.gzipBody()).isNotNull();
        assertThat(big.gzipBody().length).isLessThan(big.body().length / 2);
        try (var in =
                new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(big.gzipBody()))) {
            assertThat(in.readAllBytes()).isEqualTo(big.body());
        }
        assertThat(WebAssets.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(WebAssets.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(WebAssets.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(WebAssets.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(WebAssets.acceptsGzip("identity")).isFalse();
        assertThat(WebAssets.acceptsGzip("xgzip")).isFalse();
        assertThat(WebAssets.acceptsGzip(null)).isFalse();
    }

    @Test
    void securityHeadersAllowNoExternalOrigin() {
        String csp = WebAssets.securityHeaders().get("Content-Security-Policy");
        assertThat(csp)
                .contains(
                        "default-src 'none'",
                        "script-src 'self' 'wasm-unsafe-eval'",
                        "connect-src 'self'",
                        "frame-ancestors 'none'")
                .doesNotContain("http", "*", "unsafe-inline", "'unsafe-eval'");
        assertThat(WebAssets.securityHeaders())
                .containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Cache-Control", "no-cache");
    }
}
