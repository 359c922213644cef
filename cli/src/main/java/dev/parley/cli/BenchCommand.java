package dev.parley.cli;

import dev.parley.bench.load.BenchOptions;
import dev.parley.bench.load.BenchRunner;
import dev.parley.bench.load.LoadSettings;
import dev.parley.bench.load.SourceAddresses;
import dev.parley.bench.load.Targets;
import dev.parley.bench.load.WireDialect;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley bench}: the load generator. Each scenario starts the server it measures as a
 * separate process (or drives {@code --url}), prints a progress line a second and a table, and with
 * {@code --out} writes JSON, SVG charts and (for .md) a Markdown report.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Load generator: handshake, fanout, idle and cluster scenarios against Parley,",
            "the Node reference server and a plaintext ceiling. Loopback only."
        },
        subcommands = {
            BenchCommand.Handshake.class,
            BenchCommand.Fanout.class,
            BenchCommand.Idle.class,
            BenchCommand.Cluster.class,
            BenchCommand.All.class
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every scenario takes. */
    static final class Common {
        @Option(
                names = "--target",
                defaultValue = "parley",
                paramLabel = "NAME",
                description =
                        "server to start: parley (v2), parley-v1, reference, reference-n2, plaintext (default: ${DEFAULT-VALUE})")
        String target;

        @Option(
                names = "--url",
                paramLabel = "WS_URL",
                description = "drive an external server instead (repeat for cluster)")
        List<URI> urls = new ArrayList<>();

        @Option(
                names = "--dialect",
                defaultValue = "v2",
                paramLabel = "v1|v2|plain",
                description = "protocol for --url (default: ${DEFAULT-VALUE})")
        String dialect;

        @Option(
                names = "--server-key",
                paramLabel = "BASE64",
                description = "the external server's public key (v1/v2)")
        String serverKey;

        @Option(
                names = "--clients",
                defaultValue = "2000",
                description = "handshake: clients to connect (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(
                names = "--room",
                defaultValue = "100",
                description = "fanout/cluster: clients in the room (default: ${DEFAULT-VALUE})")
        int room;

        @Option(
                names = "--rate",
                split = ",",
                paramLabel = "MSG_PER_S",
                description =
                        "fanout: total messages/s, one step per value; default: a doubling sweep")
        List<Double> rates = new ArrayList<>();

        @Option(
                names = "--start-rate",
                defaultValue = "25",
                description = "first rate of the sweep (default: ${DEFAULT-VALUE})")
        double startRate;

        @Option(
                names = "--seconds",
                defaultValue = "5",
                description = "fanout: seconds per step (default: ${DEFAULT-VALUE})")
        double seconds;

        @Option(
                names = "--sessions",
                split = ",",
                defaultValue = "0,1000,2000,4000,8000",
                description = "idle: session checkpoints (default: ${DEFAULT-VALUE})")
        List<Integer> sessions;

        @Option(
                names = "--hold",
                description =
                        "handshake: keep sessions open (default: close each once established)")
        boolean hold;

        @Option(
                names = "--redis",
                paramLabel = "URL",
                description =
                        "cluster: Redis for two Parley nodes started by the bench (default: start a redis-server)")
        String redis;

        @Option(
                names = "--server-jar",
                paramLabel = "JAR",
                description =
                        "jar (classpath) of the parley server the bench starts (default: this parley's own)")
        String serverJar;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "report: .md (with .json and SVGs next to it) or .json")
        Path out;

        @Option(
                names = "--work-dir",
                paramLabel = "DIR",
                description = "server logs, data and JFR files (default: a new temp dir)")
        Path workDir;

        @Option(
                names = "--jfr",
                description =
                        "record every Java server with JFR (settings=profile) into the work dir")
        boolean jfr;

        @Option(
                names = "--server-jvm-args",
                defaultValue = "-Xmx4g",
                paramLabel = "ARGS",
                description =
                        "JVM flags for Java servers, space-separated (default: ${DEFAULT-VALUE})")
        String serverJvmArgs;

        @Option(
                names = "--reference-dir",
                paramLabel = "DIR",
                description = "bench/reference (default: found from here or the jar)")
        Path referenceDir;

        @Option(
                names = "--threads",
                defaultValue = "0",
                description = "generator event loop threads, 0 = one per core")
        int threads;

        @Option(
                names = "--in-flight",
                defaultValue = "256",
                description = "handshakes pending at once (default: ${DEFAULT-VALUE})")
        int inFlight;

        @Option(
                names = "--per-address",
                defaultValue = "" + SourceAddresses.DEFAULT_PER_ADDRESS,
                description =
                        "sockets per loopback source address 127.0.0.x (default: ${DEFAULT-VALUE})")
        int perAddress;

        BenchOptions options(CommandLine.Model.CommandSpec spec, Path defaultOut) {
            try {
                Path work =
                        workDir != null
                                ? Files.createDirectories(workDir)
                                : Files.createTempDirectory("parley-bench-");
                Streams.current().err.println("parley bench: server logs in " + work);
                LoadSettings load =
                        new LoadSettings(
                                threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                                inFlight,
                                perAddress,
                                300_000,
                                Streams.current().err);
                String own = System.getProperty("java.class.path");
                Targets.Launch launch =
                        new Targets.Launch(
                                work,
                                own,
                                serverJar != null ? serverJar : own,
                                Arrays.stream(serverJvmArgs.trim().split("\\s+"))
                                        .filter(s -> !s.isEmpty())
                                        .toList(),
                                referenceDir != null ? referenceDir : findReferenceDir(),
                                jfr);
                // the parse result of a subcommand holds the whole command line, from "bench" on
                String line =
                        "./parley "
                                + String.join(
                                        " ", spec.commandLine().getParseResult().originalArgs());
                return new BenchOptions(
                        target,
                        urls,
                        WireDialect.parse(dialect),
                        serverKey,
                        clients,
                        room,
                        rates,
                        startRate,
                        seconds,
                        sessions,
                        hold,
                        redis,
                        out != null ? out : defaultOut,
                        launch,
                        load,
                        line);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            } catch (IOException e) {
                throw new CommandFailure("cannot create the work directory: " + e.getMessage());
            }
        }

        /** bench/reference under the current directory, else next to the jar's checkout. */
        private static Path findReferenceDir() {
            Path here = Path.of("bench", "reference");
            if (Files.isDirectory(here)) {
                return here;
            }
            try {
                Path jar =
                        Path.of(
                                BenchCommand.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI());
                Path root = jar.getParent() == null ? null : jar.getParent().getParent();
                if (root != null
                        && root.getParent() != null
                        && Files.isDirectory(root.getParent().resolve(here))) {
                    return root.getParent().resolve(here);
                }
            } catch (URISyntaxException | SecurityException e) {
                // fall through
            }
            return here;
        }
    }

    /** Runs one scenario, prints the table, writes the report. */
    abstract static class Scenario implements Runnable {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Mixin Common common;

        abstract void run(BenchRunner runner) throws IOException, InterruptedException;

        Path defaultOut() {
            return null;
        }

        @Override
        public void run() {
            BenchOptions o = common.options(spec, defaultOut());
            BenchRunner runner = new BenchRunner(o);
            try {
                run(runner);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure("interrupted");
            } catch (IOException | IllegalStateException | IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            } finally {
                Streams.current().out.print(runner.report().table());
                Streams.current().out.flush();
                if (o.out() != null) {
                    try {
                        runner.report().write(o.out());
                        Streams.current().err.println("parley bench: wrote " + o.out());
                    } catch (IOException e) {
                        Streams.current()
                                .err
                                .println(
                                        "parley bench: cannot write "
                                                + o.out()
                                                + ": "
                                                + e.getMessage());
                    }
                }
            }
        }
    }

    @Command(
            name = "handshake",
            mixinStandardHelpOptions = true,
            description = "N clients complete Secure Session as fast as possible")
    static final class Handshake extends Scenario {
        @Override
        void run(BenchRunner runner) throws IOException, InterruptedException {
            runner.handshake();
        }
    }

    @Command(
            name = "fanout",
            mixinStandardHelpOptions = true,
            description = "one room, R messages/s in total, latency per receipt")
    static final class Fanout extends Scenario {
        @Override
        void run(BenchRunner runner) throws IOException, InterruptedException {
            runner.fanout();
        }
    }

    @Command(
            name = "idle",
            mixinStandardHelpOptions = true,
            description = "established sessions held open; server heap and RSS")
    static final class Idle extends Scenario {
        @Override
        void run(BenchRunner runner) throws IOException, InterruptedException {
            runner.idle();
        }
    }

    @Command(
            name = "cluster",
            mixinStandardHelpOptions = true,
            description = "fanout across two nodes (two --url, or --redis)")
    static final class Cluster extends Scenario {
        @Override
        void run(BenchRunner runner) throws IOException, InterruptedException {
            runner.cluster();
        }
    }

    @Command(
            name = "all",
            mixinStandardHelpOptions = true,
            description =
                    "every scenario against Parley v2/v1, the reference and the plaintext ceiling; writes docs/benchmarks.md")
    static final class All extends Scenario {
        @Override
        void run(BenchRunner runner) throws InterruptedException {
            runner.all();
        }

        @Override
        Path defaultOut() {
            return Path.of("docs", "benchmarks.md");
        }
    }
}
