package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SDK outside {@code dev.parley.client.jdk} must run on Android: no {@code java.net.http}, no
 * Netty, no server code, no reflection tricks. Checked on the sources.
 */
class DependencyRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/parley/client");
    private static final List<String> FORBIDDEN =
            List.of(
                    "java.net.http",
                    "io.netty",
                    "dev.parley.server",
                    "java.lang.reflect",
                    "sun.",
                    "java.util.HexFormat");

    @Test
    void onlyTheJdkTransportUsesJavaNetHttp() throws IOException {
        assertThat(SOURCES).isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                boolean transport = f.startsWith(SOURCES.resolve("jdk"));
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    for (String bad : FORBIDDEN) {
                        boolean allowed = transport && bad.equals("java.net.http");
                        if (line.contains(bad)
                                && !allowed
                                && (line.startsWith("import ") || line.contains(bad + "."))) {
                            violations.add(f + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
