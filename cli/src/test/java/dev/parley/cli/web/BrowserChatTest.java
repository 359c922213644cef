package dev.parley.cli.web;

import static dev.parley.cli.web.WebClientSupport.assertNoImageIn;
import static dev.parley.cli.web.WebClientSupport.awaitMessage;
import static dev.parley.cli.web.WebClientSupport.awaitOnline;
import static dev.parley.cli.web.WebClientSupport.openConversation;
import static dev.parley.cli.web.WebClientSupport.shot;
import static dev.parley.cli.web.WebClientSupport.signIn;
import static dev.parley.cli.web.WebClientSupport.texts;
import static dev.parley.cli.web.WebClientSupport.type;
import static dev.parley.cli.web.WebClientSupport.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ParleyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The browser client in headless Chromium against a real server on a loopback port: two browser
 * users and a tutorial-protocol client chat with each other. The tests run in order on one server
 * and share the two browsers (starting Chromium is the slow part).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(90)
class BrowserChatTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir static Path dataDir;
    ParleyServer server;
    String url;
    Browser alice;
    Browser bob;
    TutorialClient carol;

    @BeforeAll
    void start() throws Exception {
        assertThat(Browser.available())
                .as("/usr/bin/chromium and /usr/bin/chromedriver (scripts/install-test-deps)")
                .isTrue();
        WebClientSupport.Running running = WebClientSupport.startServer(dataDir, 0);
        server = running.server();
        boundPort = running.port();
        url = running.url();
        alice = new Browser("alice", 1280, 800);
        bob = new Browser("bob", 1280, 800);
    }

    int boundPort;

    @AfterAll
    void stop() {
        try (Browser a = alice;
                Browser b = bob;
                TutorialClient c = carol;
                ParleyServer s = server) {
            // closes everything, also when start() failed half-way
        }
    }

    @Test
    @Order(1)
    void browserUsersChatWithEachOtherAndATutorialClient() throws Exception {
        alice.open(url);
        alice.await(
                "server fingerprint shown",
                d -> !alice.byId("server-fingerprint").getText().startsWith("loading"));
        // the same fingerprint `parley server` prints, for people to compare
        assertThat(alice.byId("server-fingerprint").getText())
                .isEqualTo(server.publicKey().fingerprint());
        shot(alice, "signin");
        signIn(alice, url, "alice", "correct horse battery staple");
        signIn(bob, url, "bob", "bob's own passphrase");
        awaitOnline(alice);
        awaitOnline(bob);
        carol = new TutorialClient(boundPort, "carol", server.publicKey());

        type(alice, "hello from alice");
        awaitMessage(bob, "alice", "hello from alice");
        carol.await(l -> l.equals("<alice> hello from alice"), "alice's line");

        carol.say("hi browsers, carol here");
        awaitMessage(alice, "carol", "hi browsers, carol here");
        awaitMessage(bob, "carol", "hi browsers, carol here");

        type(bob, "bob agrees");
        awaitMessage(alice, "bob", "bob agrees");
        carol.await(l -> l.equals("<bob> bob agrees"), "bob's line");

        alice.await("members listed", d -> alice.all("#member-list li").size() == 3);
        assertThat(alice.all("#member-list li"))
                .extracting(e -> e.getAttribute("textContent"))
                .containsExactlyInAnyOrder("alice (you)", "bob", "carol");
        assertThat(alice.byId("messages").findElements(By.tagName("time"))).isNotEmpty();
    }

    @Test
    @Order(2)
    void pageLoadsNothingFromAnyOtherOriginAndViolatesNoPolicy() {
        for (Browser b : new Browser[] {alice, bob}) {
            assertThat(b.fetchedUrls()).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(url));
            assertThat(b.fetchedUrls()).anySatisfy(u -> assertThat(u).endsWith("/libthemis.wasm"));
            assertThat(b.consoleErrors()).as(b.label + " console errors").isEmpty();
        }
        // the 1.5 MB script and 2 MB wasm travel gzip-compressed
        Object ratio =
                alice.js(
                        "return fetch('app.js?fresh', {cache: 'no-store'}).then(r => r.arrayBuffer()).then(() => {"
                                + " const e = performance.getEntriesByType('resource').find(x => x.name.endsWith('/app.js?fresh'));"
                                + " return e.encodedBodySize / e.decodedBodySize; });");
        assertThat(((Number) ratio).doubleValue()).isLessThan(0.5);
    }

    @Test
    @Order(3)
    void directMessagesReachBrowsersAndTheTutorialClientWithUnreadCounts() throws Exception {
        carol.say("/msg alice psst, alice");
        alice.await("DM unread badge", d -> unread(alice, "dm:carol").equals("1"));
        openConversation(alice, "dm:carol");
        awaitMessage(alice, "carol", "psst, alice");
        assertThat(unread(alice, "dm:carol")).isEmpty();

        type(alice, "hi carol, only you see this");
        carol.await(l -> l.equals("[dm] <alice> hi carol, only you see this"), "alice's DM");
        awaitMessage(alice, "alice", "hi carol, only you see this");

        // bob opens a DM with alice from the member list; alice is in another conversation
        bob.await(
                "alice in members",
                d -> !bob.all("#member-list button[aria-label='Direct message alice']").isEmpty());
        bob.driver
                .findElement(
                        By.cssSelector("#member-list button[aria-label='Direct message alice']"))
                .click();
        bob.await("dm title", d -> bob.byId("conv-title").getText().equals("@alice"));
        type(bob, "a word in private");
        alice.await("DM from bob unread", d -> unread(alice, "dm:bob").equals("1"));
        assertThat(texts(bob)).doesNotContain("hi carol, only you see this");
        shot(alice, "chat-unread");
        openConversation(alice, "dm:bob");
        awaitMessage(alice, "bob", "a word in private");
    }

    @Test
    @Order(4)
    void hostileMessageShowsAsTextAndRunsNothing() throws Exception {
        openConversation(alice, "room:main");
        carol.say(HOSTILE);
        WebElement shown = awaitMessage(alice, "carol", HOSTILE);
        assertThat(shown.getAttribute("textContent")).isEqualTo(HOSTILE);
        assertThat(shown.getText()).isEqualTo(HOSTILE);
        assertNoImageIn(alice, "#messages");
        assertThatThrownBy(() -> alice.driver.switchTo().alert())
                .isInstanceOf(NoAlertPresentException.class);
        // the browser's own sending path is as safe: bob sends markup, alice sees it as text
        openConversation(bob, "room:main");
        type(bob, "<b>bold?</b> <script>alert(2)</script>");
        awaitMessage(alice, "bob", "<b>bold?</b> <script>alert(2)</script>");
        assertThat(alice.all("#messages b, #messages script")).isEmpty();
        assertThatThrownBy(() -> alice.driver.switchTo().alert())
                .isInstanceOf(NoAlertPresentException.class);
        shot(alice, "chat-desktop");
    }

    @Test
    @Order(5)
    void joinedRoomsAreListedWithUnreadCounts() throws Exception {
        alice.byId("join-input").sendKeys("design\n");
        alice.await("in #design", d -> alice.byId("conv-title").getText().equals("#design"));
        bob.byId("refresh-rooms").click();
        WebElement join =
                bob.await(
                        "design offered",
                        d ->
                                d
                                        .findElements(
                                                By.cssSelector(
                                                        "#other-rooms button[aria-label='Join design']"))
                                        .stream()
                                        .findFirst()
                                        .orElse(null));
        join.click();
        bob.await("in #design", d -> bob.byId("conv-title").getText().equals("#design"));
        openConversation(bob, "room:main");
        type(alice, "design review at 3");
        bob.await("design unread", d -> unread(bob, "room:design").equals("1"));
        awaitMessage(alice, "alice", "design review at 3");
        carol.say("main room stays quiet");
        awaitMessage(bob, "carol", "main room stays quiet");
        openConversation(bob, "room:design");
        awaitMessage(bob, "alice", "design review at 3");
    }

    @Test
    @Order(6)
    void reloadWithTheSamePassphraseBringsBackIdentityAndHistory() throws Exception {
        alice.driver.navigate().refresh();
        signIn(alice, url, "alice", "correct horse battery staple");
        // the server's trust-on-first-use binding accepts only alice's original key
        awaitOnline(alice);
        openConversation(alice, "dm:carol");
        awaitMessage(
                alice, "carol", "psst, alice"); // DMs are not replayed by the server: local copy
        openConversation(alice, "room:design");
        awaitMessage(alice, "alice", "design review at 3");
        Object records =
                alice.js(
                        "return new Promise(r => { const q = indexedDB.open('parley'); q.onsuccess = () => {"
                                + " const t = q.result.transaction('history').objectStore('history').getAll();"
                                + " t.onsuccess = () => r(JSON.stringify(t.result.map(x => Array.from(x.cell)))); }; });");
        assertThat(records.toString()).isNotEmpty().doesNotContain(asciiCodes("psst"));
    }

    @Test
    @Order(7)
    void wrongPassphraseIsRefused() throws Exception {
        alice.driver.navigate().refresh();
        signIn(alice, url, "alice", "not the passphrase");
        alice.await(
                "refusal shown",
                d -> alice.byId("signin-error").getText().contains("Wrong passphrase"));
        assertThat(alice.byId("app").isDisplayed()).isFalse();
        shot(alice, "wrong-passphrase");
    }

    /**
     * "psst" as the comma-joined byte values a JSON array of the cell would contain if unsealed.
     */
    private static String asciiCodes(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(b.length() == 0 ? "" : ",").append((int) c);
        }
        return b.toString();
    }

    @Test
    @Order(8)
    void narrowScreenShowsTheConversationWithADrawer() throws Exception {
        bob.resize(390, 844);
        bob.await("composer visible", d -> bob.byId("message-input").isDisplayed());
        bob.await(
                "drawer off screen",
                d ->
                        bob.byId("sidebar").getRect().getX()
                                        + bob.byId("sidebar").getRect().getWidth()
                                <= 0);
        bob.await(
                "closed drawer out of the tab order",
                d -> !d.findElement(By.cssSelector("button[data-conv='room:main']")).isDisplayed());
        shot(bob, "phone-chat");
        bob.byId("menu-button").click();
        bob.await(
                "drawer open",
                d ->
                        "true".equals(bob.byId("menu-button").getAttribute("aria-expanded"))
                                && bob.byId("sidebar").getRect().getX() >= 0);
        Thread.sleep(250); // the slide-in transition, for the picture only
        shot(bob, "phone-drawer");
        openConversation(bob, "dm:alice");
        bob.await(
                "drawer closed",
                d -> "false".equals(bob.byId("menu-button").getAttribute("aria-expanded")));
        bob.resize(1280, 800);
    }

    @Test
    @Order(9)
    void newcomerOnAPhoneGetsTheServerHistoryOnJoin() throws Exception {
        try (Browser erin = new Browser("erin", 390, 844)) {
            erin.open(url);
            erin.await("sign-in form", d -> erin.byId("signin-name").isDisplayed());
            shot(erin, "phone-signin");
            signIn(erin, url, "erin", "erin's passphrase");
            awaitOnline(erin);
            awaitMessage(erin, "alice", "hello from alice");
            awaitMessage(erin, "carol", HOSTILE);
            assertNoImageIn(erin, "#messages");
            assertThat(erin.byId("messages").getAttribute("role")).isEqualTo("log");
            assertThat(erin.byId("message-input").getAttribute("id"))
                    .isEqualTo(
                            erin.driver
                                    .findElement(By.cssSelector("label[for='message-input']"))
                                    .getAttribute("for"));

            // another browser cannot take alice's name: it makes a new key, which the server
            // refuses
            erin.byId("signout-button").click();
            signIn(erin, url, "alice", "correct horse battery staple");
            erin.await("refusal", d -> erin.byId("fatal").isDisplayed());
            assertThat(erin.byId("fatal-text").getText())
                    .contains("refused", "name is held by another key");
            assertThat(erin.byId("conn-state").getAttribute("data-state")).isEqualTo("stopped");
        }
    }
}
