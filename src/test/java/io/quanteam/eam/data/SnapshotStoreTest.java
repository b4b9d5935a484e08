package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.contract.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @TempDir
  Path root;

  private static void assertRule(Runnable action, String rule) {
    assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.violations().get(0).rule()).isEqualTo(rule));
  }

  @Test
  void idsOutsideTheAllowlistAreRefusedBeforeAnyFileIsTouched() {
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    for (String bad : new String[] {"", "../x", "a/b", ".hidden", "_x", "a b", "x".repeat(65), "ä"}) {
      assertRule(() -> store.createDemo(bad, DemoProfile.TINY), "bad_snapshot_id");
      assertRule(() -> store.load(bad), "bad_snapshot_id");
      assertRule(() -> store.verify(bad), "bad_snapshot_id");
    }
    assertThat(SnapshotStore.isValidId("x".repeat(64))).isTrue();
    assertThat(SnapshotStore.isValidId("demo_snap-1")).isTrue();
    assertThat(Files.exists(root.resolve("lake"))).isFalse();
  }

  @Test
  void unknownSnapshotIsInvalidInput() {
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    assertThat(store.exists("nope")).isFalse();
    assertRule(() -> store.load("nope"), "snapshot_not_found");
    assertRule(() -> store.manifest("nope"), "snapshot_not_found");
  }

  @Test
  void demoAgainIsANoOpButADifferentDemoUnderTheSameIdIsRefused() throws Exception {
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    Snapshot first = store.createDemo("d", DemoProfile.TINY);
    byte[] manifest = Files.readAllBytes(first.dir().resolve("manifest.json"));

    Clock later = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
    Snapshot again = new SnapshotStore(root, later).createDemo("d", DemoProfile.TINY);
    assertThat(again.csvSha256()).isEqualTo(first.csvSha256());
    assertThat(Files.readAllBytes(first.dir().resolve("manifest.json"))).isEqualTo(manifest);

    assertRule(() -> store.createDemo("d", DemoProfile.STANDARD), "snapshot_exists_different");
  }

  @Test
  void loadIsCachedPerStore() {
    new SnapshotStore(root, CLOCK).createDemo("d", DemoProfile.TINY);
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    assertThat(store.load("d")).isSameAs(store.load("d"));
  }

  @Test
  void listShowsEverySnapshotAndIgnoresTemporaryFolders() throws Exception {
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    assertThat(store.list()).isEmpty();
    store.createDemo("b_tiny", DemoProfile.TINY);
    store.createDemo("a_std", DemoProfile.STANDARD);
    Files.createDirectories(root.resolve("lake/.tmp-c-123"));
    Files.createDirectories(root.resolve("lake/half_written"));

    List<SnapshotInfo> infos = store.list();
    assertThat(infos).extracting(SnapshotInfo::snapshotId).containsExactly("a_std", "b_tiny");
    SnapshotInfo tiny = infos.get(1);
    assertThat(tiny.symbols()).containsExactly("AAA", "BBB");
    assertThat(tiny.rowCount()).isEqualTo(20);
    assertThat(tiny.dtMin()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(tiny.dtMax()).isEqualTo(LocalDate.of(2024, 1, 10));
    assertThat(tiny.timezone()).isEqualTo("+08:00");
    assertThat(tiny.createdAt()).isEqualTo("2023-11-14T22:13:20+00:00");
    assertThat(infos.get(0).symbols()).hasSize(10);
  }

  @Test
  void writesLeaveOnlyTheSnapshotFolder() throws Exception {
    new SnapshotStore(root, CLOCK).createDemo("d", DemoProfile.TINY);
    try (var entries = Files.list(root.resolve("lake"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("d");
    }
    try (var entries = Files.list(root.resolve("lake/d"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ohlcv_1d.csv", "manifest.json", "quality_report.json");
    }
  }

  @Test
  void verifyPassesAnIntactSnapshotAndReportsEachMismatch() throws Exception {
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    Snapshot s = store.createDemo("d", DemoProfile.TINY);
    assertThat(store.verify("d").ok()).isTrue();

    Path csv = s.dir().resolve("ohlcv_1d.csv");
    String text = Files.readString(csv, StandardCharsets.US_ASCII);
    // Drop BBB's last row: AAA still spans the same dates, so only the hash and the row count change.
    int cut = text.lastIndexOf("BBB,2024-01-10");
    Files.writeString(csv, text.substring(0, cut), StandardCharsets.US_ASCII);
    Files.delete(s.dir().resolve("quality_report.json"));

    VerifyReport report = new SnapshotStore(root, CLOCK).verify("d");
    assertThat(report.ok()).isFalse();
    assertThat(report.mismatches()).extracting(VerifyReport.Mismatch::field)
        .containsExactlyInAnyOrder("quality_report.json", "sha256", "row_count");
    assertThat(report.mismatches()).filteredOn(m -> m.field().equals("row_count"))
        .extracting(VerifyReport.Mismatch::expected, VerifyReport.Mismatch::actual).containsExactly(
            org.assertj.core.groups.Tuple.tuple("20", "19"));
  }

  @Test
  void verifyReportsChangedRangesAndSymbols() throws Exception {
    SnapshotStore store = new SnapshotStore(root, CLOCK);
    Snapshot s = store.createDemo("d", DemoProfile.TINY);
    Path csv = s.dir().resolve("ohlcv_1d.csv");
    // BBB's last row becomes a new symbol's next day (its available_at stays, so that range still matches).
    String text = Files.readString(csv, StandardCharsets.US_ASCII).replace("BBB,2024-01-10", "CCC,2024-01-11");
    Files.writeString(csv, text, StandardCharsets.US_ASCII);

    VerifyReport report = store.verify("d");
    assertThat(report.mismatches()).extracting(VerifyReport.Mismatch::field)
        .containsExactlyInAnyOrder("sha256", "symbols", "dt_max");
  }

  @Test
  void loadRefusesATamperedCsv() throws Exception {
    Snapshot s = new SnapshotStore(root, CLOCK).createDemo("d", DemoProfile.TINY);
    Path csv = s.dir().resolve("ohlcv_1d.csv");
    Files.writeString(csv, Files.readString(csv).replace("100.500000", "100.600000"));
    assertRule(() -> new SnapshotStore(root, CLOCK).load("d"), "snapshot_tampered");
  }
}
