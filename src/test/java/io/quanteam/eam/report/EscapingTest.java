package io.quanteam.eam.report;

import static io.quanteam.eam.report.SampleDossier.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscapingTest {
  private static final String SCRIPT = "<script>alert('x')</script>";

  @TempDir
  Path tmp;

  @Test
  void textFromDossierFilesRendersAsText() {
    Path dossier = SampleDossier.copyTo(tmp);
    SampleDossier.editJson(dossier.resolve("config_snapshot.json"), doc -> {
      ObjectNode runspec = (ObjectNode) doc.get("runspec");
      ((ObjectNode) runspec.get("blueprint_ref")).put("blueprint_id", SCRIPT);
      runspec.withArray("symbols").add("A|B*_c_");
    });
    SampleDossier.editJson(dossier.resolve("gate_results.json"), doc -> {
      ((ObjectNode) doc.get("holdout_summary")).put("summary", "<img src=x onerror=alert(1)> & \"quoted\"");
      ((ObjectNode) doc.withArray("results").get(0).get("metrics")).put("reason", "</td><b>bold</b>");
    });

    ReportFiles files = SampleDossier.writerWithoutLake(tmp.resolve("data")).write(dossier);
    String html = read(files.html());
    assertThat(html).doesNotContain("<script", "<img", "<b>", "</td><b>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;", "reason: &lt;/td&gt;&lt;b&gt;bold&lt;/b&gt;");
    String md = read(files.markdown());
    assertThat(md).doesNotContain("<script", "<img", "<b>")
        .contains("# Backtest report: &lt;script&gt;alert('x')&lt;/script&gt;", "A\\|B\\*\\_c\\_",
            "&lt;img src=x onerror=alert(1)&gt; &amp; \"quoted\"");
  }

  @Test
  void markdownEscapesOnlyWhatMarkdownWouldInterpret() {
    assertThat(Markdown.escape("gate_no_lookahead_v1")).isEqualTo("gate_no_lookahead_v1");
    assertThat(Markdown.escape("_x_ | *y* [z](u) `c`")).isEqualTo("\\_x\\_ \\| \\*y\\* \\[z\\](u) \\`c\\`");
    assertThat(Markdown.escape("a\nb")).isEqualTo("a<br>b");
    assertThat(Html.escape("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
  }
}
