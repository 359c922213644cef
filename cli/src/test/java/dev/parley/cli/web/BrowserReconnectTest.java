package dev.parley.cli.web;

import static dev.parley.cli.web.WebClientSupport.awaitMessage;
import static dev.parley.cli.web.WebClientSupport.awaitOnline;
import static dev.parley.cli.web.WebClientSupport.shot;
import static dev.parley.cli.web.WebClientSupport.signIn;
import static dev.parley.cli.web.WebClientSupport.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser client when its server goes away: it reconnects by itself to the same server, and
 * stops with a warning when the server comes back with another key.
 */
@Timeout(120)
class BrowserReconnectTest {
    @TempDir Path dataDir;
    @TempDir Path otherDataDir;

    @Test
    void reconnectsAfterARestartAndStopsWhenTheServerKeyChanges() throws Exception {
        assertThat(Browser.available()).as("/usr/bin/chromium and /usr/bin/chromedriver").isTrue();
        WebClientSupport.Running first = WebClientSupport.startServer(dataDir, 0);
        int port = first.port();
        WebClientSupport.Running current = first;
        try (Browser dave = new Browser("dave", 1280, 800)) {
            try {
                signIn(dave, first.url(), "dave", "dave's passphrase");
                awaitOnline(dave);
                type(dave, "before the restart");
                awaitMessage(dave, "dave", "before the restart");

                current.server().close();
                dave.await(
                        "reconnecting shown",
                        d -> dave.byId("conn-state").getText().startsWith("Reconnecting"));
                shot(dave, "reconnecting");
                current = WebClientSupport.startServer(dataDir, port); // same key, same identities
                awaitOnline(dave);
                type(dave, "after the restart");
                awaitMessage(dave, "dave", "after the restart");
                awaitMessage(dave, "dave", "before the restart");
                assertThat(WebClientSupport.texts(dave)).containsOnlyOnce("before the restart");

                current.server().close();
                current =
                        WebClientSupport.startServer(
                                otherDataDir, port); // a new key on the same address
                dave.await("key change warning", d -> dave.byId("fatal").isDisplayed());
                assertThat(dave.byId("fatal-title").getText()).isEqualTo("Server key changed");
                assertThat(dave.byId("fatal-text").getText())
                        .contains("different key", "127.0.0.1:" + port);
                assertThat(dave.byId("conn-state").getAttribute("data-state")).isEqualTo("stopped");
                shot(dave, "server-key-changed");

                // a fresh visit to the page refuses to sign in at all
                dave.driver.navigate().refresh();
                signIn(dave, current.url(), "dave", "dave's passphrase");
                dave.await("key change warning on sign-in", d -> dave.byId("fatal").isDisplayed());
                assertThat(dave.byId("fatal-title").getText()).isEqualTo("Server key changed");
                assertThat(dave.byId("app").isDisplayed()).isFalse();
            } finally {
                current.server().close();
            }
        }
    }
}
