package dev.invitekit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.deque.html.axecore.selenium.AxeReporter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium session for the browser tests (Debian's {@code chromium} and {@code chromium-driver}),
 * with a fresh profile, and the page check every step makes: a screenshot under
 * {@code target/screenshots/NN-name.png} and an axe-core run written to {@code target/axe/NN-name.json},
 * failing on any serious or critical violation. Waits are explicit ({@link WebDriverWait}).
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Path AXE = Path.of("target", "axe");

  /** Page numbers, shared by every session of a run, so that names sort in story order. */
  private static final AtomicInteger PAGES = new AtomicInteger();

  final WebDriver driver;
  final WebDriverWait wait;
  private final Path profile;

  /**
   * Under {@code CI=true} a missing browser fails the test (CI must run them); elsewhere the tests are
   * skipped with a notice that says what to install.
   */
  static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String notice = "The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
        + "): apt-get install chromium chromium-driver (bash .ci/run installs them).";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI=true: " + notice);
    }
    if (!present) {
      System.err.println("SKIPPED: " + notice);
    }
    Assumptions.assumeTrue(present, notice);
  }

  Browser() {
    try {
      profile = Files.createTempDirectory("invitekit-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  void open(String url) {
    driver.get(url);
    wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
  }

  WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void type(By by, String text) {
    WebElement field = find(by);
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks and waits for the next page to replace this one. */
  void submit(By by) {
    WebElement old = driver.findElement(By.tagName("html"));
    find(by).click();
    wait.until(d -> replaced(old));
    wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
  }

  /**
   * Whether the page {@code old} belonged to is gone. Chromedriver says so with a stale element, or, when asked
   * in the middle of the navigation, with an inspector error that the node "does not belong to the document"
   * (Selenium's {@code stalenessOf} lets that one through as a failure: a flaky CI run on a busy machine).
   */
  private static boolean replaced(WebElement old) {
    try {
      old.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  <T> T until(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /**
   * Saves the page's screenshot and axe results as {@code NN-name}, and fails on any serious or critical
   * axe violation.
   */
  void check(String name) {
    String file = String.format("%02d-%s", PAGES.incrementAndGet(), name);
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.createDirectories(AXE);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Results results = new AxeBuilder().analyze(driver);
      assertThat(results.isErrored()).as("axe failed on " + file + ": " + results.getErrorMessage()).isFalse();
      assertThat(results.getPasses()).as("axe checked rules on " + file).isNotEmpty();
      AxeReporter.writeResultsToJsonFile(AXE.resolve(file).toString(), results);
      Map<String, Integer> byImpact = new TreeMap<>();
      for (Rule rule : results.getViolations()) {
        byImpact.merge(String.valueOf(rule.getImpact()), rule.getNodes().size(), Integer::sum);
      }
      Files.writeString(AXE.resolve("summary.txt"), file + " " + byImpact + System.lineSeparator(),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      List<String> severe = results.getViolations().stream()
          .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
          .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
              + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
          .toList();
      assertThat(severe).as("serious or critical axe violations on " + file).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
    }
  }
}
