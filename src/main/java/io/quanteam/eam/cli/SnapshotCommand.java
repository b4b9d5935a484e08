package io.quanteam.eam.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.EamConfig;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.data.AdjustedClose;
import io.quanteam.eam.data.DemoProfile;
import io.quanteam.eam.data.ImportRequest;
import io.quanteam.eam.data.SnapshotInfo;
import io.quanteam.eam.data.SnapshotStore;
import io.quanteam.eam.data.VerifyReport;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eam snapshot demo|import|list|show|verify}: the data lake from the command line (02 §3). */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Create, import, list, show and verify data snapshots.")
public final class SnapshotCommand extends CommandGroup {
  /** The lake of this configuration; SOURCE_DATE_EPOCH pins created_at for reproducible snapshots. */
  static SnapshotStore store(EamConfig config) {
    Clock clock = config.sourceDateEpoch() == null ? Clock.systemUTC()
        : Clock.fixed(Instant.ofEpochSecond(config.sourceDateEpoch()), ZoneOffset.UTC);
    return new SnapshotStore(config.dataRoot(), clock);
  }

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "Generate a demo snapshot (tiny: the reference's 2 symbols × 10 days; standard: 10 symbols × 6 years).")
  public static final class Demo implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--snapshot-id", required = true, description = "id of the new snapshot")
    String snapshotId;
    @Option(names = "--profile", defaultValue = "tiny", description = "tiny (default) or standard")
    String profile;
    @Option(names = "--json", description = "print the manifest and quality report as JSON")
    boolean json;
    private final EamConfig config;

    public Demo(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      DemoProfile p = DemoProfile.parse(profile);
      SnapshotStore store = store(config);
      boolean existed = store.exists(snapshotId);
      store.createDemo(snapshotId, p);
      printOutcome(spec, store, snapshotId, existed, json);
      return EamCommand.OK;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import a CSV of daily bars (symbol,dt,open,high,low,close[,volume][,available_at]) as a snapshot.")
  public static final class Import implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--snapshot-id", required = true, description = "id of the new snapshot")
    String snapshotId;
    @Option(names = "--csv", required = true, description = "the CSV file")
    Path csv;
    @Option(names = "--symbol", description = "the symbol of a file without a symbol column")
    String symbol;
    @Option(names = "--timezone", defaultValue = "UTC", description = "exchange timezone of the dates (default UTC)")
    String timezone;
    @Option(names = "--close-time", defaultValue = "16:00", description = "session close HH:MM (default 16:00)")
    String closeTime;
    @Option(names = "--latency-seconds", defaultValue = "0",
        description = "default_latency_seconds of the as-of policy, added to the close (default 0)")
    long latencySeconds;
    @Option(names = "--adj-close", paramLabel = "ignore|adjust",
        description = "for a file with an adjusted close column (refused without this option): ignore it and import "
            + "the raw prices, or adjust: multiply open, high, low and close by adj close / close")
    String adjClose;
    @Option(names = "--json", description = "print the manifest and quality report as JSON")
    boolean json;
    private final EamConfig config;

    public Import(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      ZoneId zone;
      try {
        zone = ZoneId.of(timezone);
      } catch (DateTimeException e) {
        throw new InvalidInputException(new Violation("--timezone", "", "bad_timezone",
            "expected a region id (America/New_York), UTC or an offset (+08:00)", timezone));
      }
      LocalTime close;
      try {
        close = LocalTime.parse(closeTime);
      } catch (DateTimeException e) {
        throw new InvalidInputException(new Violation("--close-time", "", "bad_time", "expected HH:MM", closeTime));
      }
      AdjustedClose adjusted = adjClose == null ? AdjustedClose.REFUSE : AdjustedClose.parse(adjClose);
      SnapshotStore store = store(config);
      boolean existed = store.exists(snapshotId);
      store.importCsv(new ImportRequest(snapshotId, csv, symbol, zone, close, latencySeconds, null, adjusted));
      printOutcome(spec, store, snapshotId, existed, json);
      return EamCommand.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the snapshots in the lake.")
  public static final class ListSnapshots implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "print a JSON array")
    boolean json;
    private final EamConfig config;

    public ListSnapshots(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      List<SnapshotInfo> infos = store(config).list();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (SnapshotInfo info : infos) {
          ObjectNode o = array.addObject();
          o.put("snapshot_id", info.snapshotId());
          info.symbols().forEach(o.putArray("symbols")::add);
          o.put("row_count", info.rowCount());
          o.put("dt_min", String.valueOf(info.dtMin()));
          o.put("dt_max", String.valueOf(info.dtMax()));
          o.put("timezone", info.timezone());
          o.put("created_at", info.createdAt());
        }
        out.print(CanonicalJson.pretty(array));
      } else if (infos.isEmpty()) {
        out.println("no snapshots in " + store(config).lakeRoot());
      } else {
        out.printf("%-24s %-8s %10s  %s%n", "SNAPSHOT", "SYMBOLS", "ROWS", "DATES");
        for (SnapshotInfo info : infos) {
          out.printf("%-24s %-8d %10d  %s..%s%n", info.snapshotId(), info.symbols().size(), info.rowCount(),
              info.dtMin(), info.dtMax());
        }
      }
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a snapshot's manifest summary.")
  public static final class Show implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "snapshot id")
    String snapshotId;
    @Option(names = "--json", description = "print the manifest")
    boolean json;
    private final EamConfig config;

    public Show(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      SnapshotStore store = store(config);
      JsonNode manifest = store.manifest(snapshotId);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.print(CanonicalJson.pretty(manifest));
      } else {
        printSummary(out, manifest, store.qualityReport(snapshotId));
      }
      out.flush();
      return EamCommand.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a snapshot's files against its manifest (exit 2 on any mismatch).")
  public static final class Verify implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "snapshot id")
    String snapshotId;
    @Option(names = "--json", description = "print the result as JSON")
    boolean json;
    private final EamConfig config;

    public Verify(EamConfig config) {
      this.config = config;
    }

    @Override
    public Integer call() {
      VerifyReport report = store(config).verify(snapshotId);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = Json.object();
        o.put("snapshot_id", report.snapshotId());
        o.put("ok", report.ok());
        ArrayNode list = o.putArray("mismatches");
        for (VerifyReport.Mismatch m : report.mismatches()) {
          list.addObject().put("field", m.field()).put("expected", m.expected()).put("actual", m.actual());
        }
        out.print(CanonicalJson.pretty(o));
      } else if (report.ok()) {
        out.println("OK " + snapshotId + ": sha256, row count, symbols and ranges match the manifest");
      } else {
        out.println("MISMATCH " + snapshotId + ":");
        report.mismatches().forEach(m -> out.println("  " + m.describe()));
      }
      out.flush();
      return report.ok() ? EamCommand.OK : EamCommand.INVALID_INPUT;
    }
  }

  private static void printOutcome(CommandSpec spec, SnapshotStore store, String id, boolean existed, boolean json) {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode manifest = store.manifest(id);
    JsonNode quality = store.qualityReport(id);
    if (json) {
      ObjectNode o = Json.object();
      o.put("status", existed ? "exists" : "created");
      o.set("manifest", manifest);
      o.set("quality_report", quality);
      out.print(CanonicalJson.pretty(o));
    } else {
      out.println(existed ? "snapshot " + id + " already exists with identical content (nothing written)"
          : "created snapshot " + id + " in " + store.lakeRoot().resolve(id));
      printSummary(out, manifest, quality);
    }
    out.flush();
  }

  private static void printSummary(PrintWriter out, JsonNode manifest, JsonNode quality) {
    JsonNode d = manifest.path("datasets").path(0);
    List<String> symbols = new java.util.ArrayList<>();
    d.path("symbols").forEach(s -> symbols.add(s.asText()));
    out.println("snapshot_id:   " + manifest.path("snapshot_id").asText());
    out.println("created_at:    " + manifest.path("created_at").asText());
    out.println("timezone:      " + manifest.path("timezone").asText() + ", close "
        + manifest.path("close_time").asText());
    out.println("rows:          " + d.path("row_count").asInt());
    out.println("symbols:       " + symbols.size() + " (" + String.join(", ", symbols) + ")");
    out.println("dt:            " + d.path("dt_min").asText() + " .. " + d.path("dt_max").asText());
    out.println("available_at:  " + d.path("available_at_min").asText() + " .. "
        + d.path("available_at_max").asText());
    out.println("sha256:        " + d.path("sha256").asText());
    out.println("quality:       " + quality.path("duplicate_count").asInt() + " duplicates dropped, "
        + quality.path("ohlc_inconsistency_count").asInt() + " OHLC inconsistencies, missing values "
        + missing(quality.path("null_count_by_col")));
  }

  private static String missing(JsonNode nulls) {
    StringBuilder sb = new StringBuilder();
    nulls.properties().forEach(e -> {
      if (e.getValue().asInt() > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asInt());
      }
    });
    return sb.length() == 0 ? "none" : sb.toString();
  }
}
