package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.contract.InvalidInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsOfTest {
  /** 2024-01-10T23:59:59+08:00 = 2024-01-10T15:59:59Z = 1704844800 + 57599. */
  private static final long JAN_10_END = 1_704_844_800L + 57_599L;

  @TempDir
  Path tmp;

  @Test
  void endOfDayIsTheLastSecondOfTheDateInTheZone() {
    assertThat(AsOf.endOfDay(LocalDate.of(2024, 1, 10), ZoneOffset.ofHours(8))).isEqualTo(JAN_10_END);
    // 2024-07-01 23:59:59 EDT = 2024-07-02T03:59:59Z
    long jul2 = LocalDate.of(2024, 7, 2).toEpochDay() * 86_400L;
    assertThat(AsOf.endOfDay(LocalDate.of(2024, 7, 1), ZoneId.of("America/New_York"))).isEqualTo(jul2 + 3 * 3600 + 3599);
  }

  @Test
  void parsesAndFormatsOffsetDateTimes() {
    assertThat(AsOf.parse("2024-01-10T23:59:59+08:00")).isEqualTo(JAN_10_END);
    assertThat(AsOf.parse("2024-01-10T15:59:59Z")).isEqualTo(JAN_10_END);
    assertThat(AsOf.format(JAN_10_END, ZoneOffset.ofHours(8))).isEqualTo("2024-01-10T23:59:59+08:00");
    assertThat(AsOf.format(JAN_10_END, ZoneOffset.UTC)).isEqualTo("2024-01-10T15:59:59+00:00");
    assertThat(AsOf.parse("2024-01-10", ZoneOffset.ofHours(8), "runspec", "/segments/0/as_of")).isEqualTo(JAN_10_END);
    assertThat(AsOf.parse("2024-01-10T23:59:59", ZoneOffset.ofHours(8), "runspec", "")).isEqualTo(JAN_10_END);
  }

  @Test
  void malformedAsOfIsInvalidInput() {
    for (String bad : new String[] {"2024-01-10", "2024-01-10T23:59:59", "2024-13-10T00:00:00Z", "yesterday",
        "2024-01-10T23:59:59.5+08:00"}) {
      assertThatThrownBy(() -> AsOf.parse(bad)).as(bad).isInstanceOfSatisfying(InvalidInputException.class,
          e -> assertThat(e.violations().get(0).rule()).isEqualTo("bad_datetime"));
    }
  }

  @Test
  void rowsAvailableAfterAsOfAreNotVisible() {
    Snapshot s = new SnapshotStore(tmp, Clock.systemUTC()).createDemo("tiny", DemoProfile.TINY);

    // Each bar is available at its date's 16:00 +08:00.
    Map<String, SymbolBars> atClose = s.visibleAsOf(AsOf.parse("2024-01-05T16:00:00+08:00"));
    assertThat(atClose.get("AAA").size()).isEqualTo(5);
    assertThat(atClose.get("BBB").date(4)).isEqualTo(LocalDate.of(2024, 1, 5));
    Map<String, SymbolBars> beforeClose = s.visibleAsOf(AsOf.parse("2024-01-05T15:59:59+08:00"));
    assertThat(beforeClose.get("AAA").size()).isEqualTo(4);
    assertThat(s.visibleAsOf(s.endOfDay(LocalDate.of(2024, 1, 10))).get("BBB").size()).isEqualTo(10);
    assertThat(s.visibleAsOf(AsOf.parse("2023-12-31T23:59:59+08:00")).get("AAA").size()).isZero();
  }
}
