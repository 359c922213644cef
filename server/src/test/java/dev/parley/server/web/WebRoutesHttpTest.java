package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.MemoryStorage;
import dev.parley.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled browser client (the parley-web jar) over real HTTP from a running server. */
class WebRoutesHttpTest {
    @TempDir static Path dir;
    static RunningServer server;
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, new MemoryStorage(), b -> b);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void rootIsTheBrowserClientWithStrictHeaders() throws Exception {
        HttpResponse<byte[]> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("content-security-policy"))
                .hasValue(WebAssets.CONTENT_SECURITY_POLICY);
        assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        String html = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html)
                .contains("<script type=\"module\" src=\"app.js\">")
                .doesNotContain("http://", "https://", "//cdn");
    }

    @Test
    void wasmIsServedAsWasmAndScriptAsJavascript() throws Exception {
        HttpResponse<byte[]> wasm = get("/libthemis.wasm");
        assertThat(wasm.statusCode()).isEqualTo(200);
        assertThat(wasm.headers().firstValue("content-type")).hasValue("application/wasm");
        assertThat(wasm.body()).startsWith(0, 'a', 's', 'm');
        HttpResponse<byte[]> js = get("/app.js");
        assertThat(js.headers().firstValue("content-type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(js.body().length).isGreaterThan(10_000);
    }

    @Test
    void unchangedAssetRevalidatesWith304() throws Exception {
        String etag = get("/app.js").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> again = get("/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void gzipIsSentWhenAcceptedWithItsOwnValidator() throws Exception {
        HttpResponse<byte[]> plain = get("/app.js");
        HttpResponse<byte[]> zipped = get("/app.js", "Accept-Encoding", "gzip");
        assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("vary")).hasValue("Accept-Encoding");
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        try (var in =
                new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        String zippedTag = zipped.headers().firstValue("etag").orElseThrow();
        assertThat(zippedTag).isNotEqualTo(plain.headers().firstValue("etag").orElseThrow());
        assertThat(
                        get("/app.js", "Accept-Encoding", "gzip", "If-None-Match", zippedTag)
                                .statusCode())
                .isEqualTo(304);
        assertThat(get("/app.js", "If-None-Match", zippedTag).statusCode()).isEqualTo(200);
    }

    @Test
    void serverKeyEndpointGivesTheServerPublicKey() throws Exception {
        HttpResponse<byte[]> r = get("/.well-known/parley-server-key");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.US_ASCII).strip())
                .isEqualTo(server.key().toBase64());
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void pathTraversalFindsNothing() throws Exception {
        for (String p :
                new String[] {
                    "/../pom.xml",
                    "/%2e%2e/%2e%2e/etc/passwd",
                    "/parley-web/index.html",
                    "/files.txt",
                    "/META-INF/MANIFEST.MF",
                    "/dev/parley/server/ParleyServer.class"
                }) {
            assertThat(get(p).statusCode()).as(p).isIn(400, 404);
        }
    }
}
