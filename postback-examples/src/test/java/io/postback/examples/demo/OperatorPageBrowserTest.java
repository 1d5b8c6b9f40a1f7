package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The operator page in a real browser (docs/operator-page.md, "How it is tested"): Debian's
 * headless chromium, driven through chromedriver, against the demo on loopback with a password.
 * Without chromium and chromium-driver it says what to install: where the environment variable
 * {@code CI} is set (.ci/run sets it) it fails, so CI never passes without it; elsewhere, on a
 * developer's machine with only a JDK and Maven, it is reported as skipped with that message.
 */
class OperatorPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "correct horse battery staple";
    private static final Path SCREENSHOTS = Path.of("target", "operator-page");

    @Test
    void an_operator_logs_in_finds_a_click_and_reads_its_lead(@TempDir Path dir) throws Exception {
        requireChromium();
        Path passwordFile = Files.writeString(dir.resolve("operator-password"), PASSWORD + "\n");
        DemoOptions options = DemoOptions.defaults().withPort(0).withJdbcUrl(DemoServers.privateH2())
                .withOperatorPasswordFile(passwordFile);
        try (DemoServer server = DemoServer.start(options)) {
            HttpTestClient http = new HttpTestClient(server.port());
            assertThat(http.get("/api/site/click.json?token=12-abc&click=browser-1&exto=b-1&goal=deposit").body())
                    .contains("\"result\":\"created\"");
            assertThat(http.get("/api/site/status.json?token=12-abc&click=browser-1&exto=b-1&status=approved").body())
                    .contains("\"result\":\"updated\"");
            assertThat(http.get("/api/site/status.json?token=12-abc&click=browser-1&exto=b-1&status=bogus").body())
                    .contains("\"error\":\"status\"");
            String base = "http://127.0.0.1:" + server.port();

            WebDriver browser = chromium(dir.resolve("profile"));
            try {
                browser.get(base + "/");
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login");
                logIn(browser, "wrong");
                assertThat(browser.findElement(By.id("problem")).getText()).isEqualTo("Wrong password.");
                logIn(browser, PASSWORD);
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/");

                List<String> rejections = rows(browser, "rejections");
                assertThat(rejections).contains("12 status 1 1");
                screenshot(browser, "front.png");

                browser.findElement(By.id("q")).sendKeys("browser-1");
                browser.findElement(By.id("search")).click();
                assertThat(rows(browser, "found")).singleElement().asString().contains("approve dep 50.00 EUR 30.00 EUR browser-1 b-1");
                browser.findElement(By.cssSelector("#found a")).click();

                assertThat(browser.getCurrentUrl()).startsWith(base + "/lead?id=");
                assertThat(rows(browser, "lead-state")).contains("status approve", "goal dep", "click browser-1", "exto b-1");
                assertThat(rows(browser, "ledger")).hasSize(2).anySatisfy(row -> assertThat(row).contains("advertiser 50.00 EUR approve"))
                        .anySatisfy(row -> assertThat(row).contains("webmaster 30.00 EUR approve"));
                assertThat(rows(browser, "journal")).hasSize(2).anySatisfy(row -> assertThat(row).contains("create created"))
                        .anySatisfy(row -> assertThat(row).contains("status updated", "token=12-***"));
                assertThat(browser.getPageSource()).doesNotContain("12-abc", PASSWORD);
                screenshot(browser, "lead.png");

                browser.findElement(By.id("logout")).click();
                browser.get(base + "/lead?id=1");
                assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login");
            } finally {
                browser.quit();
            }
        }
    }

    private static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "the browser test needs Debian's chromium at " + CHROMIUM + " and its driver at " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does)";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                fail(missing);
            }
            org.junit.jupiter.api.Assumptions.abort(missing);
        }
    }

    /** Headless chromium with a fresh profile; Selenium Manager is not asked for anything, the network is never tried. */
    private static WebDriver chromium(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1400,1200", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void logIn(WebDriver browser, String password) {
        WebElement field = browser.findElement(By.id("password"));
        field.clear();
        field.sendKeys(password);
        browser.findElement(By.id("login")).click();
    }

    /** The rows of a table below the element with this id, as the text of their cells joined by spaces; header rows left out. */
    private static List<String> rows(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).findElements(By.cssSelector("tr")).stream()
                .filter(row -> row.findElements(By.cssSelector("td")).size() > 0)
                .map(row -> String.join(" ", row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList())
                        .replaceAll("\\s+", " ").strip())
                .toList();
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
