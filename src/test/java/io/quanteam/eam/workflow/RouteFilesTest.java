package io.quanteam.eam.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** House rules of {@code routes/*.camel.yaml}: ids, one file per stage, no scripting or JSON building in YAML. */
class RouteFilesTest {
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Set<String> CONSUMER_ROUTES = Set.of("inbox", "sweep", "retry-deferred");
  private static final List<String> STAGES = List.of("intent", "strategy_spec", "compile", "trace_preview", "run",
      "gates", "registry", "report", "improvements", "done");
  /** EIPs and languages that would put logic or JSON building into a route file. */
  private static final Set<String> FORBIDDEN = Set.of("script", "groovy", "joor", "java", "js", "python", "mvel",
      "ognl", "jq", "jsonpath", "datasonnet", "marshal", "unmarshal", "transform", "setBody", "process");

  private static final Map<String, List<JsonNode>> ROUTES_BY_FILE = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (Stream<Path> files = Files.list(Path.of("routes"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList()) {
        List<JsonNode> items = new ArrayList<>();
        yaml.readTree(f.toFile()).forEach(items::add);
        ROUTES_BY_FILE.put(f.getFileName().toString(), items);
      }
    }
  }

  /** The daemon loads its route files by name, not by a wildcard: every file is in that list, and only those. */
  @Test
  void everyRouteFileIsLoadedByName() {
    assertThat(io.quanteam.eam.app.EamCamelConfiguration.ROUTE_FILES.stream().map(n -> n + ".camel.yaml"))
        .containsExactlyInAnyOrderElementsOf(ROUTES_BY_FILE.keySet());
    assertThat(io.quanteam.eam.app.EamCamelConfiguration.ROUTES).doesNotContain("*");
    // the worker leaves out the files of the consumer routes only, and nothing else refers to those
    String worker = io.quanteam.eam.app.EamCamelConfiguration.routes(false, false);
    assertThat(io.quanteam.eam.app.EamCamelConfiguration.routes(true, true)).contains("routes/api.camel.yaml");
    ROUTES_BY_FILE.forEach((file, items) -> {
      // events-watch's route is fed by the job root's watcher, which only the daemon's consumers run
      boolean consumerFile = file.equals("events-watch.camel.yaml")
          || items.stream().anyMatch(i -> CONSUMER_ROUTES.contains(i.path("route").path("id").asText()));
      assertThat(worker.contains("routes/" + file)).as(file)
          .isEqualTo(!consumerFile && !file.equals("api.camel.yaml") && !file.equals("ui.camel.yaml"));
    });
  }

  private static List<JsonNode> routes() {
    return ROUTES_BY_FILE.values().stream().flatMap(List::stream).filter(n -> n.has("route"))
        .map(n -> n.get("route")).toList();
  }

  @Test
  void everyRouteHasAKebabCaseIdEqualToItsDirectNameOrIsANamedConsumer() {
    assertThat(routes()).isNotEmpty();
    Set<String> ids = new TreeSet<>();
    for (JsonNode route : routes()) {
      String id = route.path("id").asText("");
      String uri = route.path("from").path("uri").asText("");
      assertThat(id).as("route from %s", uri).matches(KEBAB);
      if (uri.startsWith("direct:")) {
        assertThat(id).as("id of the route from %s", uri).isEqualTo(uri.substring("direct:".length()));
      } else {
        assertThat(CONSUMER_ROUTES).as("the consumer route from %s", uri).contains(id);
      }
      assertThat(ids.add(id)).as("route id %s is unique", id).isTrue();
    }
    assertThat(ids).containsAll(CONSUMER_ROUTES).contains("dispatch", "checkpoint");
    ROUTES_BY_FILE.values().stream().flatMap(List::stream).filter(n -> n.has("routeConfiguration"))
        .forEach(c -> assertThat(c.get("routeConfiguration").path("id").asText("")).matches(KEBAB));
  }

  @Test
  void eachStageHasItsOwnFileThatAdvancesThatStageAndDispatches() {
    for (String stage : STAGES) {
      String kebab = stage.replace('_', '-');
      List<JsonNode> items = ROUTES_BY_FILE.get(kebab + ".camel.yaml");
      assertThat(items).as("routes/%s.camel.yaml", kebab).hasSize(1);
      JsonNode route = items.get(0).get("route");
      assertThat(route.path("id").asText()).isEqualTo("stage-" + kebab);
      JsonNode steps = route.path("from").path("steps");
      // The stage is a constant header and the bean binds jobId and eamStage by annotation: no method expression is
      // parsed per call.
      assertThat(steps.get(0).path("setHeader").path("name").asText()).isEqualTo("eamStage");
      assertThat(steps.get(0).path("setHeader").path("constant").asText()).isEqualTo(stage);
      assertThat(steps.get(1).path("bean").path("ref").asText()).isEqualTo("stages");
      assertThat(steps.get(1).path("bean").path("method").asText()).isEqualTo("advance");
      assertThat(steps.get(steps.size() - 1).path("to").path("uri").asText()).isEqualTo("direct:dispatch");
    }
  }

  @Test
  void routeFilesHoldNoScriptingNorJsonBuilding() {
    ROUTES_BY_FILE.forEach((file, items) -> items.forEach(item -> assertNoForbiddenKey(file, item)));
  }

  private static void assertNoForbiddenKey(String file, JsonNode node) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        assertThat(FORBIDDEN).as("%s uses %s", file, e.getKey()).doesNotContain(e.getKey());
        assertNoForbiddenKey(file, e.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(child -> assertNoForbiddenKey(file, child));
    }
  }
}
