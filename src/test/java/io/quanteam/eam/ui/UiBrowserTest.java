package io.quanteam.eam.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.app.EamDaemon;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.job.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium (Debian's chromium and chromium-driver; skipped, saying so, where they are not
 * installed): open the list, open the waiting job, click Approve, watch the page reach DONE by itself, open the
 * run, switch segments, see that the holdout shows no curve. Screenshots go to target/ui-screenshots/.
 */
class UiBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/ui-screenshots");

  @Test
  void aReviewerApprovesInTheBrowserAndReadsTheRun(@TempDir Path home) throws Exception {
    start(home);
    String base = "http://127.0.0.1:" + config.http().port();
    String jobId = daemon.wiring().jobs().submitBlueprint(DaemonFixture.blueprint("browser review"), "demo_tiny",
        null, null, "test").jobId();
    DaemonFixture.awaitChange(config.jobRoot().resolve(jobId), Duration.ofSeconds(60),
        () -> daemon.wiring().jobs().state(jobId).phase() == Phase.WAITING);
    io.quanteam.eam.job.JobListing listing = daemon.camelContext().getRegistry()
        .lookupByNameAndType("jobListing", io.quanteam.eam.job.JobListing.class);
    DaemonFixture.awaitChange(config.jobRoot().resolve(jobId), Duration.ofSeconds(30),
        () -> !listing.page("WAITING", r -> r.jobId().equals(jobId), 1, null).rows().isEmpty());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

    browser.get(base + "/ui/jobs");
    assertThat(browser.findElement(By.tagName("h2")).getText()).startsWith("Waiting for you (1)");
    shot(browser, "1-jobs.png");
    browser.findElement(By.linkText(jobId)).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/ui/jobs/" + jobId));
    assertThat(browser.findElement(By.id("review")).getText()).contains("Waiting for your review: runspec");
    assertThat(browser.findElement(By.cssSelector("code.expr")).getText()).isNotBlank();
    shot(browser, "2-job-waiting.png");

    browser.findElement(By.cssSelector("button.approve")).click();
    // no reload by the test: the page follows the job until it is done
    wait.until(d -> d.findElements(By.id("review")).isEmpty()
        && d.findElement(By.tagName("dl")).getText().contains("DONE"));
    assertThat(daemon.wiring().jobs().state(jobId).phase()).isEqualTo(Phase.TERMINAL_DONE);
    shot(browser, "3-job-done.png");

    browser.findElement(By.cssSelector("dl.facts a[href^='/ui/runs/']")).click();
    wait.until(d -> d.getCurrentUrl().contains("/ui/runs/"));
    assertThat(browser.findElements(By.cssSelector(".chart svg"))).hasSize(2);
    shot(browser, "4-run.png");
    java.util.List<org.openqa.selenium.WebElement> segments = browser.findElements(By.cssSelector(".segments a"));
    String holdout = segments.stream().filter(a -> a.getText().endsWith("(holdout)")).map(a -> a.getAttribute("href"))
        .findFirst().orElse(null);
    String test = segments.stream().filter(a -> a.getText().startsWith("test_")).map(a -> a.getAttribute("href"))
        .findFirst().orElseThrow();
    browser.get(test);
    assertThat(browser.findElement(By.tagName("h2")).getText()).startsWith("Metrics (test_");
    shot(browser, "5-run-segment.png");
    if (holdout != null) {
      browser.get(holdout);
      assertThat(browser.findElements(By.tagName("svg"))).isEmpty();
      assertThat(browser.findElement(By.tagName("main")).getText()).contains("minimal summary")
          .doesNotContain("Trades");
      shot(browser, "6-run-holdout.png");
    }
  }

  /**
   * An idea reviewed in the browser (issue 12): each checkpoint's section shown and approved with its button, the
   * page following the job between them, a child spawned with the Spawn button, the parent then approved to DONE.
   */
  @Test
  void aReviewerTakesAnIdeaThroughEveryCheckpointInTheBrowser(@TempDir Path home) throws Exception {
    start(home);
    com.fasterxml.jackson.databind.node.ObjectNode idea = io.quanteam.eam.json.Json.object()
        .put("schema_version", "idea_spec_v1").put("title", "Crossover in the browser")
        .put("hypothesis_text", "A moving average crossover").put("frequency", "1d").put("start", "2024-01-01")
        .put("end", "2024-01-10").put("evaluation_intent", "research").put("snapshot_id", "demo_tiny")
        .put("policy_bundle_path", "policies/policy_bundle_v1.yaml");
    idea.putArray("symbols").add("AAA").add("BBB");
    String jobId = daemon.wiring().jobs().submitIdea(idea, "test").jobId();
    DaemonFixture.awaitChange(config.jobRoot().resolve(jobId), Duration.ofSeconds(60),
        () -> "blueprint".equals(daemon.wiring().jobs().state(jobId).waitingStep()));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    browser.get("http://127.0.0.1:" + config.http().port() + "/ui/jobs/" + jobId);
    int n = 1;
    for (String step : java.util.List.of("blueprint", "strategy_spec", "runspec", "trace_preview")) {
      wait.until(d -> d.findElements(By.id("review")).size() == 1
          && d.findElement(By.id("review")).getText().contains("Waiting for your review: " + step));
      assertThat(browser.findElement(By.id(step)).isDisplayed()).isTrue();
      shot(browser, "idea-" + n++ + "-" + step + ".png");
      browser.findElement(By.cssSelector("button.approve")).click();
    }
    wait.until(d -> d.findElements(By.id("review")).size() == 1
        && d.findElement(By.id("review")).getText().contains("Waiting for your review: improvements"));
    assertThat(browser.findElements(By.cssSelector("mark.lagged"))).isNotNull();
    assertThat(browser.findElement(By.id("trace_preview")).isDisplayed()).isTrue();
    shot(browser, "idea-" + n++ + "-improvements.png");
    browser.findElements(By.cssSelector("button.spawn")).get(0).click();
    wait.until(d -> d.findElement(By.cssSelector("dl.facts")).getText().contains("Child"));
    String child = browser.findElement(By.xpath("//dt[text()='Child']/following-sibling::dd[1]/a")).getText();
    assertThat(daemon.wiring().jobs().spec(child).path("extensions").path("lineage").path("parent_job_id")
        .asText()).isEqualTo(jobId);
    shot(browser, "idea-" + n++ + "-spawned.png");
    browser.findElement(By.cssSelector("button.approve")).click();
    wait.until(d -> d.findElements(By.id("review")).isEmpty()
        && d.findElement(By.tagName("dl")).getText().contains("DONE"));
    assertThat(daemon.wiring().jobs().state(jobId).phase()).isEqualTo(Phase.TERMINAL_DONE);
    shot(browser, "idea-" + n + "-done.png");
  }

  private EamConfig config;
  private EamDaemon daemon;
  private WebDriver browser;

  /** A daemon with the tiny demo, UI writes open, and a headless Chromium; skipped, saying so, without Chromium. */
  private void start(Path home) throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      System.out.println("UiBrowserTest skipped: headless Chromium (/usr/bin/chromium, /usr/bin/chromedriver) is "
          + "not installed (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
      Assumptions.abort("chromium or chromedriver is not installed: browser test skipped");
    }
    config = DaemonFixture.openWrites(home);
    daemon = EamDaemon.create(config);
    daemon.wiring().snapshots().createDemo("demo_tiny", DemoProfile.TINY);
    daemon.start();
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (daemon != null) {
      daemon.stop();
    }
  }

  private static void shot(WebDriver browser, String name) throws Exception {
    Files.write(SHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
