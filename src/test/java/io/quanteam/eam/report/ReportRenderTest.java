package io.quanteam.eam.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a report with headless Chromium through docs/render-report.sh (skipped where Chromium is absent). */
class ReportRenderTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path tmp;

  @Test
  void reportRendersToAPlausiblePng() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      // surefire shows a skipped test without its reason: say it where the person running the tests looks
      System.out.println("ReportRenderTest skipped: headless Chromium (/usr/bin/chromium) is not installed "
          + "(Debian: apt-get install chromium chromium-driver; .ci/run installs it)");
    }
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "headless Chromium (/usr/bin/chromium) is not installed: render check skipped");
    var lake = SampleDossier.demoLake(tmp.resolve("data"));
    Path dossier = SampleDossier.copyTo(tmp, lake);
    new ReportWriter(lake).write(dossier);
    Path png = tmp.resolve("report.png");
    Process p = new ProcessBuilder("bash", "docs/render-report.sh", dossier.toString(), png.toString(), "1000,2400")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("render.log").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("render finished in time").isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("render.log"))).isZero();

    assertThat(png).isRegularFile();
    assertThat(Files.size(png)).isBetween(20_000L, 5_000_000L);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(2400);
    // not a blank page: the equity line's blue (#1f5fbf) is somewhere in the upper part
    boolean blue = false;
    for (int y = 0; y < 1400 && !blue; y++) {
      for (int x = 0; x < 1000 && !blue; x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        blue = Math.abs((rgb >> 16) - 0x1f) < 24 && Math.abs(((rgb >> 8) & 0xff) - 0x5f) < 24
            && Math.abs((rgb & 0xff) - 0xbf) < 24;
      }
    }
    assertThat(blue).as("equity line drawn").isTrue();
  }
}
