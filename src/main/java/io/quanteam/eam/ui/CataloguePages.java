package io.quanteam.eam.ui;

import static io.quanteam.eam.ui.Page.esc;
import static io.quanteam.eam.ui.Page.link;

import io.quanteam.eam.api.ApiReply;
import io.quanteam.eam.data.SnapshotInfo;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.registry.CardStatus;
import io.quanteam.eam.registry.CardView;
import io.quanteam.eam.registry.Registry;
import io.quanteam.eam.report.MetricFormat;
import java.util.ArrayList;
import java.util.List;

/** {@code /ui/snapshots} (the data catalogue) and {@code /ui/registry} (cards, their status, a promote form). */
public final class CataloguePages {
  private final SnapshotStore snapshots;
  private final Registry registry;

  public CataloguePages(SnapshotStore snapshots, Registry registry) {
    this.snapshots = snapshots;
    this.registry = registry;
  }

  public ApiReply snapshots() {
    List<List<String>> rows = new ArrayList<>();
    for (SnapshotInfo s : snapshots.list()) {
      rows.add(List.of("<a id=\"" + esc(s.snapshotId()) + "\" href=\"/snapshots/" + esc(s.snapshotId()) + "\">"
              + esc(s.snapshotId()) + "</a>", esc(String.join(", ", s.symbols())),
          "<span class=\"num\">" + s.rowCount() + "</span>", esc(String.valueOf(s.dtMin())),
          esc(String.valueOf(s.dtMax())), esc(s.timezone())));
    }
    String body = rows.isEmpty() ? "<p class=\"muted\">No snapshots: <code>eam snapshot demo</code> or "
        + "<code>eam snapshot import</code> makes one.</p>\n"
        : Page.table("snapshots", List.of("Snapshot", "Symbols", "Rows", "From", "To", "Time zone"), rows);
    return Page.html(200, "Snapshots", body, null);
  }

  public ApiReply registry() {
    List<List<String>> rows = new ArrayList<>();
    for (CardView c : registry.cards()) {
      CardStatus next = c.status().next();
      String promote = next == null ? "" : "<form method=\"post\" action=\"/ui/registry/cards/" + esc(c.cardId())
          + "/promote\"><input type=\"hidden\" name=\"to\" value=\"" + esc(next.wire()) + "\">"
          + "<button type=\"submit\">Promote to " + esc(next.wire()) + "</button></form>";
      Double sharpe = c.metric("sharpe");
      rows.add(List.of("<span id=\"" + esc(c.cardId()) + "\">" + esc(c.cardId()) + "</span>", esc(c.title()),
          link("/ui/runs/" + c.runId(), c.runId()), esc(c.status().wire()),
          "<span class=\"num\">" + (sharpe == null ? "—" : esc(MetricFormat.value("sharpe",
              io.quanteam.eam.json.Json.MAPPER.getNodeFactory().numberNode(sharpe)))) + "</span>", promote));
    }
    String body = rows.isEmpty() ? "<p class=\"muted\">No cards yet: a run that passes its gates gets one.</p>\n"
        : Page.table("cards", List.of("Card", "Title", "Run", "Status", MetricFormat.label("sharpe"), ""), rows);
    return Page.html(200, "Registry", body, null);
  }

  public ApiReply style() {
    return new ApiReply(200, ApiReply.CSS, Page.CSS);
  }
}
