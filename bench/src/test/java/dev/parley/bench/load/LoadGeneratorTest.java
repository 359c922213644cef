package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.parley.bench.plain.PlaintextBroadcastServer;
import dev.parley.server.IdentityPolicy;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.themis.KeyPair;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generator against real servers on port 0, with a tiny load: 5 clients, 20 messages/s, 1 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadGeneratorTest {
    private static final int CLIENTS = 5;
    private static final LoadSettings SETTINGS = new LoadSettings(2, 16, 1000, 30_000, null);
    @TempDir static Path data;
    private static ParleyServer parley;
    private static URI parleyUrl;

    @BeforeAll
    static void startParley() throws Exception {
        parley =
                new ParleyServer(
                        ServerConfig.builder()
                                .port(0)
                                .dataDir(data)
                                .identityPolicy(IdentityPolicy.OPEN)
                                .rateLimit(10_000, 10_000)
                                .historyReplay(0)
                                .build());
        parleyUrl = URI.create("ws://127.0.0.1:" + parley.start().get(20, TimeUnit.SECONDS) + "/");
    }

    @AfterAll
    static void stopParley() {
        parley.close();
    }

    private static Target parleyTarget(WireDialect dialect) {
        return Targets.external(
                "parley-" + dialect, dialect, List.of(parleyUrl), parley.publicKey().toBase64());
    }

    @ParameterizedTest
    @EnumSource(
            value = WireDialect.class,
            names = {"V1", "V2"})
    void clientsCompleteTheSecureSessionHandshake(WireDialect dialect) throws Exception {
        StepResult r = HandshakeScenario.run(parleyTarget(dialect), CLIENTS, false, SETTINGS);
        assertThat(r.handshakes()).isEqualTo(CLIENTS);
        assertThat(r.errors()).isZero();
        assertThat(r.p50Ms()).isPositive();
        assertThat(r.serverCpuPercent()).isNaN(); // an external server is not measured
    }

    @ParameterizedTest
    @EnumSource(
            value = WireDialect.class,
            names = {"V1", "V2"})
    void everyClientReceivesEveryMessageOnce(WireDialect dialect) throws Exception {
        List<StepResult> steps =
                new FanoutScenario(parleyTarget(dialect), "fanout", SETTINGS)
                        .run(CLIENTS, List.of(20.0), 1.0);
        assertThat(steps).hasSize(1);
        StepResult r = steps.get(0);
        assertThat(r.sent()).isBetween(15L, 21L);
        assertThat(r.deliveries()).isEqualTo(r.sent() * CLIENTS).isEqualTo(r.expected());
        assertThat(r.sustained()).isTrue();
        assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p99Ms());
    }

    @Test
    void clusterTargetSpreadsClientsOverItsUrls() throws Exception {
        URI other =
                URI.create(
                        "ws://127.0.0.1:" + parleyUrl.getPort() + "/node-b"); // any path upgrades
        Target two =
                Targets.external(
                        "cluster",
                        WireDialect.V2,
                        List.of(parleyUrl, other),
                        parley.publicKey().toBase64());
        assertThat(two.url(0)).isEqualTo(parleyUrl);
        assertThat(two.url(1)).isEqualTo(other);
        StepResult r =
                new FanoutScenario(two, "cluster", SETTINGS)
                        .run(CLIENTS, List.of(20.0), 1.0)
                        .get(0);
        assertThat(r.scenario()).isEqualTo("cluster");
        assertThat(r.deliveries()).isEqualTo(r.sent() * CLIENTS);
    }

    @Test
    void aServerWithAnotherKeyFailsEveryHandshake() throws Exception {
        Target impostor =
                Targets.external(
                        "impostor",
                        WireDialect.V2,
                        List.of(parleyUrl),
                        KeyPair.generate().publicKey().toBase64());
        StepResult r = HandshakeScenario.run(impostor, 3, false, SETTINGS);
        assertThat(r.handshakes()).isZero();
        assertThat(r.errors()).isEqualTo(3);
        assertThat(r.errorsByReason()).containsKey("handshake");
    }

    @Test
    void plaintextCeilingBroadcastsToEveryone() throws Exception {
        try (PlaintextBroadcastServer plain = new PlaintextBroadcastServer()) {
            int port = plain.start(0).get(20, TimeUnit.SECONDS);
            Target t =
                    Targets.external(
                            "plaintext",
                            WireDialect.PLAIN,
                            List.of(URI.create("ws://127.0.0.1:" + port + "/")),
                            null);
            StepResult r =
                    new FanoutScenario(t, "fanout", SETTINGS)
                            .run(CLIENTS, List.of(20.0), 1.0)
                            .get(0);
            assertThat(r.deliveries()).isEqualTo(r.sent() * CLIENTS);
            assertThat(r.errors()).isZero();
        }
    }

    @Test
    void idleMeasuresTheHeapAndRssOfAServerProcessAndStopsIt(@TempDir Path work) throws Exception {
        Targets.Launch launch =
                new Targets.Launch(
                        work,
                        System.getProperty("java.class.path"),
                        System.getProperty("java.class.path"),
                        List.of("-Xmx256m"),
                        Path.of("reference"),
                        false);
        Target t = Targets.plaintext(launch, "plaintext");
        ServerProcess p = t.processes().get(0);
        try (t) {
            List<StepResult> steps = IdleScenario.run(t, List.of(0, CLIENTS), SETTINGS);
            assertThat(steps).extracting(StepResult::clients).containsExactly(0, CLIENTS);
            assertThat(steps)
                    .allSatisfy(
                            s -> {
                                assertThat(s.serverHeapBytes()).isPositive();
                                assertThat(s.serverRssBytes())
                                        .isGreaterThan(s.serverHeapBytes() / 4);
                            });
        }
        assertThat(p.isAlive()).isFalse();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"unicast", "n2"})
    void referenceServerUnderNodeSpeaksV1AndCopiesCountOnce(String mode, @TempDir Path work)
            throws Exception {
        Path ref = Path.of("reference");
        assumeThat(Files.isDirectory(ref.resolve("node_modules/ws")))
                .as("run scripts/install-test-deps")
                .isTrue();
        Targets.Launch launch =
                new Targets.Launch(
                        work,
                        System.getProperty("java.class.path"),
                        System.getProperty("java.class.path"),
                        List.of(),
                        ref,
                        false);
        Target t = Targets.reference(launch, mode, "reference-" + mode);
        ServerProcess p = t.processes().get(0);
        try (t) {
            StepResult r =
                    new FanoutScenario(t, "fanout", SETTINGS)
                            .run(CLIENTS, List.of(20.0), 1.0)
                            .get(0);
            assertThat(r.deliveries()).isEqualTo(r.sent() * CLIENTS);
            assertThat(r.errors()).isZero();
            assertThat(r.serverCpuPercent()).isPositive();
            assertThat(p.heapUsedAfterGc().orElse(-1)).isPositive();
        }
        assertThat(p.isAlive()).isFalse();
    }
}
