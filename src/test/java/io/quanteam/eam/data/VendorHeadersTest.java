package io.quanteam.eam.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vendor headers (Yahoo, Stooq, Alpha Vantage, Tiingo) and the adjusted close, which is never silently ignored. */
class VendorHeadersTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final String ROWS = "2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11,200\n";

  @TempDir
  Path tmp;
  private SnapshotStore store;
  private int files;

  @BeforeEach
  void setUp() {
    store = new SnapshotStore(tmp.resolve("data"), CLOCK);
  }

  private Path csv(String text) throws IOException {
    Path file = tmp.resolve("in" + files++ + ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private byte[] importedBytes(String id, String text, String symbol, AdjustedClose adj) throws IOException {
    Snapshot s = store.importCsv(new ImportRequest(id, csv(text), symbol, null, null, 0, null, adj));
    return Files.readAllBytes(s.dir().resolve("ohlcv_1d.csv"));
  }

  private Violation refused(String text, String symbol, AdjustedClose adj) throws IOException {
    Path file = csv(text);
    try {
      store.importCsv(new ImportRequest("bad", file, symbol, null, null, 0, null, adj));
    } catch (InvalidInputException e) {
      assertThat(e.violations()).hasSize(1);
      assertThat(store.exists("bad")).isFalse();
      return e.violations().get(0);
    }
    throw new AssertionError("the import was accepted");
  }

  @Test
  void commonVendorHeadersReadLikeTheLakeNames() throws IOException {
    byte[] canonical = importedBytes("canonical", "dt,open,high,low,close,volume\n" + ROWS, "X", null);

    for (String header : List.of("Date,Open,High,Low,Close,Volume", "date,open,high,low,close,volume",
        "timestamp,open,high,low,close,volume", "DATE,OPEN,HIGH,LOW,CLOSE,VOLUME", " Date , Open ,High,Low,Close,Volume")) {
      assertThat(importedBytes("h" + files, header + "\n" + ROWS, "X", null)).as(header).isEqualTo(canonical);
    }
    String withTicker = "Ticker,Date,Open,High,Low,Close,Volume\nX," + ROWS.replace("\n2024", "\nX,2024");
    assertThat(importedBytes("ticker", withTicker, null, null)).isEqualTo(canonical);
  }

  @Test
  void messagesNameTheColumnAsTheFileSpellsIt() throws IOException {
    Violation v = refused("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,0,100\n", "X", null);
    assertThat(v.pointer()).isEqualTo("line 2, column 5 (Close)");
    assertThat(v.rule()).isEqualTo("zero_price");
  }

  @Test
  void twoNamesForOneColumnAreRefused() throws IOException {
    Violation v = refused("date,dt,open,high,low,close\n2024-01-02,2024-01-02,1,2,0.5,1.5\n", "X", null);
    assertThat(v.pointer()).isEqualTo("line 1, column 2 (dt)");
    assertThat(v.rule()).isEqualTo("duplicate_column");
    assertThat(v.message()).contains("date", "dt");
  }

  @Test
  void anAdjustedCloseColumnIsRefusedUnlessAChoiceIsMade() throws IOException {
    for (String name : List.of("Adj Close", "adj_close", "adjClose", "Adjusted Close", "adjusted_close")) {
      Violation v = refused("\nDate,Open,High,Low,Close," + name + ",Volume\n2024-01-02,10,11,9,10.5,10,100\n",
          "X", null);
      assertThat(v.pointer()).as(name).isEqualTo("line 2, column 6 (" + name + ")");
      assertThat(v.rule()).isEqualTo("adj_close_present");
      assertThat(v.message()).contains("--adj-close ignore", "--adj-close adjust");
      assertThat(v.value()).isEqualTo(name);
    }
  }

  @Test
  void ignoreImportsTheRawBarsAsIfTheColumnWereAbsent() throws IOException {
    byte[] canonical = importedBytes("canonical", "dt,open,high,low,close,volume\n" + ROWS, "X", null);
    String yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n"
        + "2024-01-02,10,11,9,10.5,5.25,100\n2024-01-03,10.5,12,10,11,oops,200\n";

    assertThat(importedBytes("yahoo", yahoo, "X", AdjustedClose.IGNORE)).isEqualTo(canonical);
  }

  @Test
  void adjustScalesTheWholeBarByAdjCloseOverClose() throws IOException {
    String yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n"
        + "2024-01-02,10,11,9,10,5,100\n2024-01-03,10.5,12,10,11,11,200\n";
    Snapshot s = store.importCsv(new ImportRequest("adj", csv(yahoo), "X", null, null, 0, null,
        AdjustedClose.ADJUST));

    SymbolBars x = s.bars().get("X");
    assertThat(x.open()).containsExactly(5.0, 10.5);
    assertThat(x.high()).containsExactly(5.5, 12.0);
    assertThat(x.low()).containsExactly(4.5, 10.0);
    assertThat(x.close()).containsExactly(5.0, 11.0);
    assertThat(x.volume()).containsExactly(100.0, 200.0);
  }

  @Test
  void adjustKeepsTheBarConsistentWhenTheRatioRounds() throws IOException {
    // high = close: scaled by the same factor, high stays >= close even where close × ratio ≠ adj close.
    String text = "date,open,high,low,close,adj_close\n2024-01-02,0.7,0.9,0.3,0.9,0.1\n";
    Snapshot s = store.importCsv(new ImportRequest("adj", csv(text), "X", null, null, 0, null,
        AdjustedClose.ADJUST));
    SymbolBars x = s.bars().get("X");
    assertThat(x.high()[0]).isGreaterThanOrEqualTo(x.close()[0]);
    assertThat(x.close()[0]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void adjustValidatesTheAdjustedCloseLikeAPrice() throws IOException {
    Violation v = refused("date,open,high,low,close,adj close\n2024-01-02,1,2,0.5,1.5,0\n", "X",
        AdjustedClose.ADJUST);
    assertThat(v.pointer()).isEqualTo("line 2, column 6 (adj close)");
    assertThat(v.rule()).isEqualTo("zero_price");

    Violation overflow = refused("date,open,high,low,close,adj close\n2024-01-02,1e-300,1e-300,1e-300,1e-300,1e300\n",
        "X", AdjustedClose.ADJUST);
    assertThat(overflow.rule()).isEqualTo("bad_adjustment");
    assertThat(overflow.value()).isEqualTo("1e300");

    Violation missing = refused("date,open,high,low,close\n2024-01-02,1,2,0.5,1.5\n", "X", AdjustedClose.ADJUST);
    assertThat(missing.rule()).isEqualTo("missing_column");
    assertThat(missing.message()).contains("--adj-close adjust");
  }

  @Test
  void theChoiceIsParsedFromItsName() {
    assertThat(AdjustedClose.parse("ignore")).isEqualTo(AdjustedClose.IGNORE);
    assertThat(AdjustedClose.parse("adjust")).isEqualTo(AdjustedClose.ADJUST);
    assertThatThrownBy(() -> AdjustedClose.parse("use"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          Violation v = e.violations().get(0);
          assertThat(v.source()).isEqualTo("--adj-close");
          assertThat(v.message()).contains("ignore", "adjust");
          assertThat(v.value()).isEqualTo("use");
        });
  }
}
