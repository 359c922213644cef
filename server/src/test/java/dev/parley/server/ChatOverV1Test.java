package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.ChatClient;
import dev.parley.server.testing.MemoryStorage;
import dev.parley.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial protocol end to end: Java clients doing what the Android app does. */
@Timeout(60)
class ChatOverV1Test {
    private static final Duration SHORT = Duration.ofMillis(300);
    @TempDir static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server =
                RunningServer.start(
                        dir, new MemoryStorage(), b -> b.identityPolicy(IdentityPolicy.OPEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twoClientsChatInMainAndEachGetsExactlyOneFrame() {
        ChatClient alice = server.v1("alice1");
        assertThat(alice.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT))
                .contains("alice1");
        ChatClient bob = server.v1("bob1");
        assertThat(alice.awaitLine("* bob1 joined main")).isNotNull();
        assertThat(bob.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT))
                .contains("alice1", "bob1");

        alice.say("hello bob");
        assertThat(bob.awaitLine("<alice1> hello bob")).isNotNull();
        assertThat(alice.awaitLine("<alice1> hello bob")).isNotNull();
        // nothing else queued: the next frame each gets is the answer to a marker command
        bob.say("/who");
        assertThat(bob.nextLine(ChatClient.WAIT)).startsWith("* main:");
        alice.say("/rooms");
        assertThat(alice.nextLine(ChatClient.WAIT)).startsWith("* rooms:");
    }

    @Test
    void commandsWorkAsText() {
        ChatClient carol = server.v1("carol");
        ChatClient dave = server.v1("dave");
        carol.awaitLine("* dave joined main");

        carol.say("/join dev");
        assertThat(carol.awaitLine("* carol joined dev")).isNotNull();
        assertThat(carol.awaitLine(l -> l.startsWith("* dev:"), ChatClient.WAIT))
                .isEqualTo("* dev: carol");
        carol.say("in dev");
        assertThat(carol.awaitLine("<carol> in dev")).isNotNull();
        assertThat(dave.awaitLine(l -> l.contains("in dev"), SHORT)).isNull();

        dave.say("/join dev");
        assertThat(carol.awaitLine("* dave joined dev")).isNotNull();
        assertThat(dave.awaitLine("<carol> in dev")).isNotNull(); // replayed history
        dave.say("/rooms");
        assertThat(dave.awaitLine(l -> l.startsWith("* rooms:"), ChatClient.WAIT))
                .contains("dev (2)");
        dave.say("/who dev");
        assertThat(dave.awaitLine("* dev: carol, dave")).isNotNull();

        dave.say("/msg carol psst");
        assertThat(carol.awaitLine("[dm] <dave> psst")).isNotNull();
        assertThat(dave.awaitLine("[dm to carol] psst")).isNotNull();

        carol.say("/history 5");
        assertThat(carol.awaitLine("* history of dev: 1 messages")).isNotNull();
        assertThat(carol.nextLine(ChatClient.WAIT)).isEqualTo("<carol> in dev");

        dave.say("/leave");
        assertThat(carol.awaitLine("* dave left dev")).isNotNull();
        dave.say("/leave main");
        assertThat(dave.awaitLine(l -> l.startsWith("! "), ChatClient.WAIT))
                .contains("cannot leave main");
        dave.say("/nonsense");
        assertThat(dave.awaitLine(l -> l.startsWith("! "), ChatClient.WAIT))
                .contains("unknown command");
        dave.say("/help");
        assertThat(dave.awaitLine(l -> l.startsWith("* commands:"), ChatClient.WAIT))
                .contains("/msg");
        dave.say("back in main");
        assertThat(dave.awaitLine("<dave> back in main")).isNotNull();
    }

    @Test
    void concurrentSendersAreSeenInOneOrderByEveryMember() throws Exception {
        java.util.List<ChatClient> cs =
                java.util.List.of(server.v1("ord1"), server.v1("ord2"), server.v1("ord3"));
        for (ChatClient c : cs) {
            c.say("/join order");
            c.awaitLine("* " + c.name() + " joined order");
        }
        // phase 1: each client sends from its own thread (wrap only); phase 2: read (unwrap only)
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(3);
        java.util.List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
        for (ChatClient c : cs) {
            sends.add(
                    pool.submit(
                            () -> {
                                for (int i = 0; i < 20; i++) {
                                    c.say(c.name() + "-" + i);
                                }
                            }));
        }
        for (java.util.concurrent.Future<?> f : sends) {
            f.get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        java.util.List<java.util.List<String>> seen = new java.util.ArrayList<>();
        for (ChatClient c : cs) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            while (lines.size() < 60) {
                String l = c.awaitLine(x -> x.startsWith("<ord"), ChatClient.WAIT);
                assertThat(l).as("message %d for %s", lines.size(), c.name()).isNotNull();
                lines.add(l);
            }
            seen.add(lines);
        }
        assertThat(seen.get(0)).doesNotHaveDuplicates();
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
    }

    @Test
    void historyIsReplayedOnJoin() {
        ChatClient erin = server.v1("erin");
        erin.say("/join replay");
        erin.awaitLine("* erin joined replay");
        for (int i = 1; i <= 3; i++) {
            erin.say("line " + i);
            erin.awaitLine("<erin> line " + i);
        }
        ChatClient frank = server.v1("frank");
        frank.say("/join replay");
        assertThat(frank.awaitLine("* history of replay: 3 messages")).isNotNull();
        assertThat(frank.nextLine(ChatClient.WAIT)).isEqualTo("<erin> line 1");
        assertThat(frank.nextLine(ChatClient.WAIT)).isEqualTo("<erin> line 2");
        assertThat(frank.nextLine(ChatClient.WAIT)).isEqualTo("<erin> line 3");
    }

    @Test
    void liveNameCannotBeTakenByAnotherKey() {
        ChatClient gina = server.v1("gina");
        gina.awaitLine(l -> l.startsWith("* main:"), ChatClient.WAIT);
        ChatClient thief =
                server.track(
                        ChatClient.open(
                                server.port(),
                                ChatClient.Protocol.V1,
                                "gina",
                                "gina",
                                dev.parley.themis.KeyPair.generate(),
                                server.key()));
        thief.handshake();
        ChatClient.Incoming close = thief.awaitClose(ChatClient.WAIT);
        assertThat(close).isNotNull();
        assertThat(close.closeCode()).isEqualTo(1008);
        assertThat(close.closeReason()).contains("another key");
        gina.say("still here");
        assertThat(gina.awaitLine("<gina> still here")).isNotNull();
    }

    @Test
    void replayedFrameIsNeverDeliveredTwice() {
        ChatClient hal = server.v1("hal");
        ChatClient ivy = server.v1("ivy");
        hal.awaitLine("* ivy joined main");
        hal.say("once only");
        assertThat(ivy.awaitLine("<hal> once only")).isNotNull();
        hal.resendLast();
        ChatClient.Incoming close = hal.awaitClose(ChatClient.WAIT);
        assertThat(close.closeCode()).isEqualTo(1008);
        assertThat(close.closeReason()).contains("replayed");
        assertThat(ivy.awaitLine("<hal> once only"::equals, SHORT)).isNull();
    }
}
