package dev.parley.cli.web;

import static dev.parley.cli.web.WebClientSupport.awaitMessage;
import static dev.parley.cli.web.WebClientSupport.awaitOnline;
import static dev.parley.cli.web.WebClientSupport.signIn;
import static dev.parley.cli.web.WebClientSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Server history in the browser: the replay on join, then older pages on request, in order. */
@Timeout(90)
class BrowserHistoryTest {
    @TempDir Path dataDir;

    @Test
    void joinShowsTheLatestMessagesAndOlderOnesLoadOnRequest() throws Exception {
        assertThat(Browser.available()).as("/usr/bin/chromium and /usr/bin/chromedriver").isTrue();
        WebClientSupport.Running running =
                WebClientSupport.startServer(dataDir, 0, b -> b.historyReplay(3));
        try (TutorialClient carol =
                        new TutorialClient(running.port(), "carol", running.server().publicKey());
                Browser fay = new Browser("fay", 1280, 800)) {
            for (int i = 1; i <= 7; i++) {
                carol.say("note " + i);
            }
            carol.await(l -> l.equals("<carol> note 7"), "the last note");

            signIn(fay, running.url(), "fay", "fay's passphrase");
            awaitOnline(fay);
            awaitMessage(fay, "carol", "note 7");
            assertThat(texts(fay)).containsExactly("note 5", "note 6", "note 7");
            fay.await("load older offered", d -> fay.byId("older-button").isDisplayed());

            fay.byId("older-button").click();
            awaitMessage(fay, "carol", "note 1");
            assertThat(texts(fay))
                    .containsExactly(
                            "note 1", "note 2", "note 3", "note 4", "note 5", "note 6", "note 7");
            fay.await("nothing older left", d -> !fay.byId("older-button").isDisplayed());
        } finally {
            running.server().close();
        }
    }
}
