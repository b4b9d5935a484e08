package io.quanteam.eam.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.json.Json;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A list row read token by token from the index's text is the row read through a JSON tree. */
class JobRowProperties {
  private static final List<String> FIELDS = List.of("job_id", "kind", "title", "state", "phase", "waiting_step",
      "verdict", "outcome", "last_event_at", "error", "next", "lineage");

  @Provide
  Arbitrary<ObjectNode> rows() {
    Arbitrary<Integer> shape = Arbitraries.integers().between(0, 5);
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12);
    return Combinators.combine(shape.list().ofSize(FIELDS.size()), text.list().ofSize(FIELDS.size()))
        .as((shapes, texts) -> {
          ObjectNode row = Json.object();
          for (int i = 0; i < FIELDS.size(); i++) {
            String f = FIELDS.get(i);
            switch (shapes.get(i)) {
              case 0 -> { } // absent
              case 1 -> row.putNull(f);
              case 2 -> row.put(f, i * 7 - 3);
              case 3 -> row.putObject(f).put("a", texts.get(i)).putArray("b").add(1).addObject().put("c", true);
              case 4 -> row.putArray(f).add(texts.get(i));
              default -> row.put(f, texts.get(i));
            }
          }
          return row;
        });
  }

  @Property(tries = 500)
  void parsedFromTextEqualsReadFromTheTree(@ForAll("rows") ObjectNode row) {
    assertThat(JobRow.parse(CanonicalJson.compact(row))).isEqualTo(JobRow.of(row));
  }

  @Property(tries = 50)
  void textThatIsNoObjectIsNoRow(@ForAll("texts") String text) {
    assertThat(JobRow.parse(text)).isNull();
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of("", "[]", "null", "1", "\"x\"", "{", "{\"job_id\":", "{\"a\":[1,2}");
  }
}
