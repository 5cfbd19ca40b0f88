package io.eventsaas.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the
 * four services running as processes on real NATS and PostgreSQL. Two people, each in a browser of their own: Ada
 * signs up, signs out and in again, creates an organisation and invites Bob; Bob opens the link, signs up from it,
 * comes back to it and accepts; both see each other in the member list with their roles.
 *
 * <p>Without Chromium the test is skipped with a message saying what to install, unless {@code CI=true}: there it
 * fails, since {@code .ci/run} installs the packages.
 */
@DisplayName("In a browser")
class BrowserIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Path chromium;
    private static Path chromedriver;
    private static RunningSystem system;
    private static final List<WebDriver> browsers = new ArrayList<>();
    private static ServiceProcess gateway;

    @BeforeAll
    static void startTheSystem() throws Exception {
        chromium = firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        chromedriver = firstExecutable(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        if (chromium == null || chromedriver == null) {
            String missing = "no headless browser here: " + (chromium == null ? "Chromium (/usr/bin/chromium) " : "")
                    + (chromedriver == null ? "chromedriver (/usr/bin/chromedriver) " : "")
                    + "not found; install Debian's packages 'chromium' and 'chromium-driver' (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true and " + missing);
            }
            Assumptions.abort("Browser test skipped: " + missing);
        }

        system = RunningSystem.start("browser-");
        gateway = system.gateway();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (WebDriver browser : browsers) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    private static Path firstExecutable(String... candidates) {
        return Stream.of(candidates).filter(candidate -> candidate != null && !candidate.isBlank())
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** A new browser with its own profile: its own cookies, like another person's computer. */
    private static WebDriver newBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        browsers.add(browser);
        return browser;
    }

    private static String url(String path) {
        return gateway.uri(path).toString();
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void click(WebDriver browser, String id) {
        browser.findElement(By.id(id)).click();
    }

    private static void awaitPath(WebDriver browser, String pathPrefix) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains(url(pathPrefix)));
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Keeps what the browser shows, to look at when a step fails: target/system-tests/browser-<name>.png. */
    private static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "system-tests", "browser-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void signUp(WebDriver browser, String email, String name) {
        type(browser, "email", email);
        type(browser, "name", name);
        type(browser, "password", PASSWORD);
        click(browser, "sign-up");
    }

    @Test
    @DisplayName("sign up, sign in, create an organisation, invite; a second person signs up from the link and "
            + "accepts; both are in the member list with their roles")
    void signUpInviteAccept() throws Exception {
        try {
            signUpInviteAcceptSteps();
        } catch (Throwable failure) {
            for (int i = 0; i < browsers.size(); i++) {
                screenshot(browsers.get(i), "failure-" + (i + 1));
            }
            throw failure;
        }
    }

    private void signUpInviteAcceptSteps() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String adaEmail = "ada+" + suffix + "@example.com";
        String bobEmail = "bob+" + suffix + "@example.com";
        String orgName = "Acme " + suffix;

        // Ada signs up and lands in her account.
        WebDriver ada = newBrowser();
        ada.get(url("/signup"));
        signUp(ada, adaEmail, "Ada Lovelace");
        awaitPath(ada, "/app");
        assertThat(text(ada, "signed-in-as")).isEqualTo("Ada Lovelace");
        screenshot(ada, "1-app");

        // She signs out, and in again.
        click(ada, "sign-out");
        new WebDriverWait(ada, WAIT).until(driver -> !driver.findElements(By.linkText("Sign in")).isEmpty());
        ada.get(url("/login"));
        type(ada, "email", adaEmail);
        type(ada, "password", PASSWORD);
        click(ada, "sign-in");
        awaitPath(ada, "/app");
        assertThat(text(ada, "signed-in-as")).isEqualTo("Ada Lovelace");

        // She creates an organisation and invites Bob.
        type(ada, "org-name", orgName);
        click(ada, "create-org");
        awaitPath(ada, "/app/orgs/");
        String orgPage = ada.getCurrentUrl();
        assertThat(text(ada, "org-name")).isEqualTo(orgName);
        assertThat(text(ada, "my-role")).isEqualTo("owner");
        type(ada, "invite-email", bobEmail);
        click(ada, "invite");
        String link = new WebDriverWait(ada, WAIT).until(driver -> driver.findElement(By.id("invite-link")))
                .getDomProperty("value");
        assertThat(link).startsWith(url("/invitations/"));
        screenshot(ada, "2-invited");

        // Bob, in a browser of his own, opens the link, signs up from it and comes back to accept.
        WebDriver bob = newBrowser();
        bob.get(link);
        assertThat(text(bob, "invitation-org")).isEqualTo(orgName);
        assertThat(text(bob, "invitation-role")).isEqualTo("member");
        screenshot(bob, "3-invitation");
        click(bob, "sign-up-to-accept");
        awaitPath(bob, "/signup");
        signUp(bob, bobEmail, "Bob Babbage");
        new WebDriverWait(bob, WAIT).until(ExpectedConditions.urlToBe(link));
        click(bob, "accept");
        new WebDriverWait(bob, WAIT).until(ExpectedConditions.urlToBe(orgPage));
        assertThat(text(bob, "my-role")).isEqualTo("member");
        assertThat(members(bob)).containsExactlyInAnyOrder("Ada Lovelace owner", "Bob Babbage member");
        screenshot(bob, "4-member");

        // Ada sees Bob too.
        ada.get(orgPage);
        assertThat(members(ada)).containsExactlyInAnyOrder("Ada Lovelace owner", "Bob Babbage member");
        screenshot(ada, "5-members");
    }

    /** The member list as "name role" lines. */
    private static List<String> members(WebDriver browser) {
        return browser.findElements(By.cssSelector("#members tbody tr")).stream()
                .map(row -> row.findElement(By.className("member-name")).getText() + " "
                        + row.findElement(By.className("member-role")).getText())
                .toList();
    }
}
