package io.leadledger.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Headless Chromium driven through chromedriver, both Debian's packages (chromium, chromium-driver; .ci/run installs
 * them): nothing is downloaded. Screenshots go to target/console-screenshots to be looked at.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = env("LEADLEDGER_TEST_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = env("LEADLEDGER_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;

    public Browser(String base) {
        this.base = base;
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // root in a container has no sandbox; /dev/shm is small there
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Clicks what navigates (a link, a form's button) and returns when the next page is there: the old document gone
     * stale, then a body. A click returns before the browser has left the page, so reading right after it can find the
     * old page, or none.
     */
    public void clickAndWait(String css) {
        WebElement old = driver.findElement(By.tagName("html"));
        find(css).click();
        long until = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < until) {
            try {
                old.isEnabled(); // throws once the page it belongs to is gone
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                if (!driver.findElements(By.tagName("body")).isEmpty()) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("no new page after clicking " + css + " within 30 s: " + driver.getCurrentUrl());
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void login(String user, String password) {
        open("/login");
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        clickAndWait("#login");
    }

    /** A full-page screenshot, as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.write(to, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isEmpty() ? d : v;
    }
}
