package dev.parley.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Server lifecycle and page actions shared by the browser tests. */
final class WebClientSupport {
    private WebClientSupport() {}

    /** A started server and its bound port. */
    record Running(ParleyServer server, int port) {
        String url() {
            return "http://127.0.0.1:" + port + "/";
        }
    }

    /**
     * Starts a server on 127.0.0.1 ({@code port} 0 picks a free one) with its data in {@code
     * dataDir}.
     */
    static Running startServer(Path dataDir, int port) throws Exception {
        return startServer(dataDir, port, b -> b);
    }

    static Running startServer(
            Path dataDir, int port, java.util.function.UnaryOperator<ServerConfig.Builder> tune)
            throws Exception {
        ParleyServer server =
                new ParleyServer(
                        tune.apply(
                                        ServerConfig.builder()
                                                .host("127.0.0.1")
                                                .port(port)
                                                .dataDir(dataDir))
                                .build());
        try {
            return new Running(server, server.start().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    static void signIn(Browser b, String url, String name, String passphrase) {
        b.open(url);
        b.await("sign-in form", d -> b.byId("signin-name").isDisplayed());
        WebElement nameInput = b.byId("signin-name");
        nameInput.clear();
        nameInput.sendKeys(name);
        WebElement pass = b.byId("signin-passphrase");
        pass.clear();
        pass.sendKeys(passphrase, Keys.ENTER);
    }

    static void awaitOnline(Browser b) {
        b.await(
                "connection online",
                d -> "online".equals(b.byId("conn-state").getAttribute("data-state")));
    }

    /** Types into the composer and presses Enter. */
    static void type(Browser b, String text) {
        WebElement input = b.byId("message-input");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    static List<String> texts(Browser b) {
        return b.all("#messages .msg .text").stream()
                .map(e -> e.getAttribute("textContent"))
                .toList();
    }

    /**
     * Waits until the open conversation shows a message with exactly this text from {@code from}.
     */
    static WebElement awaitMessage(Browser b, String from, String text) {
        return b.await(
                "message <" + from + "> " + text,
                d -> {
                    for (WebElement m :
                            d.findElements(By.cssSelector("#messages .msg:not(.system)"))) {
                        String sender =
                                m.findElement(By.className("from")).getAttribute("textContent");
                        WebElement body = m.findElement(By.className("text"));
                        if (sender.equals(from) && text.equals(body.getAttribute("textContent"))) {
                            return body;
                        }
                    }
                    return null;
                });
    }

    /** Clicks the sidebar entry of a conversation ({@code room:x} or {@code dm:x}). */
    static void openConversation(Browser b, String convId) {
        By entry = By.cssSelector("button[data-conv='" + convId + "']");
        b.await("conversation " + convId + " listed", d -> !d.findElements(entry).isEmpty());
        if (!b.driver.findElement(entry).isDisplayed()) {
            b.byId("menu-button").click();
        }
        // the lists re-render on every event: find the entry afresh until a click lands
        b.await(
                "conversation " + convId + " open",
                d -> {
                    try {
                        WebElement button = d.findElement(entry);
                        if ("true".equals(button.getAttribute("aria-current"))) {
                            return true;
                        }
                        button.click();
                    } catch (org.openqa.selenium.StaleElementReferenceException
                            | org.openqa.selenium.ElementNotInteractableException e) {
                        // re-rendered or still sliding in; try again
                    }
                    return false;
                });
    }

    /** The unread badge text of a conversation entry, or "" if it has none. */
    static String unread(Browser b, String convId) {
        List<WebElement> badges = b.all("button[data-conv='" + convId + "'] .badge");
        return badges.isEmpty() ? "" : badges.get(0).getAttribute("textContent");
    }

    static void assertNoImageIn(Browser b, String css) {
        assertThat(b.all(css + " img")).as("img elements in " + css).isEmpty();
    }

    static void shot(Browser b, String name) {
        try {
            b.screenshot(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
