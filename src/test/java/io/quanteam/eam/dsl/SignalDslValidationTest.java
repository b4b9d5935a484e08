package io.quanteam.eam.dsl;

import static io.quanteam.eam.dsl.DslFixtures.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.quanteam.eam.contract.InvalidInputException;
import io.quanteam.eam.contract.Violation;
import io.quanteam.eam.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each validation rule, with the JSON pointer it must name. */
class SignalDslValidationTest {
  private static final String TRUE = "{\"type\": \"const\", \"value\": true}";
  private static final String CLOSE = "{\"type\": \"var\", \"var_id\": \"close\"}";

  private static List<Violation> violations(JsonNode dsl) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> SignalDsl.parse(dsl, "test.json"));
    assertThat(e).as("expected the DSL to be refused").isNotNull();
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.source()).isEqualTo("test.json"));
    return e.violations();
  }

  private static List<Violation> violations(String expressions, String entry, String exit, String params) {
    return violations(doc(expressions, entry, exit, params));
  }

  private static String sma(String x, String window) {
    return "{\"type\": \"op\", \"op\": \"sma\", \"args\": [" + x + ", " + window + "]}";
  }

  private static String op(String name, String... args) {
    return "{\"type\": \"op\", \"op\": \"" + name + "\", \"args\": [" + String.join(", ", args) + "]}";
  }

  private static String num(double v) {
    return "{\"type\": \"const\", \"value\": " + v + "}";
  }

  @Test
  void unknownOp() {
    List<Violation> v = violations("{\"e\": " + op("golden_cross", CLOSE, CLOSE) + ", \"t\": " + TRUE + "}",
        "t", "t", null);
    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value)
        .containsExactly(tuple("/expressions/e", "unknown_op", "golden_cross"));
  }

  @Test
  void arity() {
    List<Violation> v = violations("{\"s\": " + op("sma", CLOSE) + ", \"a\": " + op("and", TRUE)
        + ", \"n\": " + op("not", TRUE, TRUE) + "}", "a", "n", null);
    assertThat(v).extracting(Violation::pointer, Violation::rule)
        .containsExactly(tuple("/expressions/s", "arity"), tuple("/expressions/a", "arity"),
            tuple("/expressions/n", "arity"));
    assertThat(v.get(0).message()).contains("sma takes 2 args, got 1");
    assertThat(v.get(1).message()).contains("at least 2 args");
  }

  @Test
  void unknownVarAndParam() {
    List<Violation> v = violations("{\"e\": " + op("gt", "{\"type\": \"var\", \"var_id\": \"clsoe\"}",
        sma(CLOSE, "{\"type\": \"param\", \"param_id\": \"slow\"}")) + "}", "e", "e", "{\"fast\": 5}");
    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value)
        .containsExactly(tuple("/expressions/e/args/0", "unknown_var", "clsoe"),
            tuple("/expressions/e/args/1/args/1", "unknown_param", "slow"));
  }

  @Test
  void cycleNamesItsPath() {
    String a = op("add", "{\"type\": \"var\", \"var_id\": \"b\"}", num(1));
    String b = op("mul", "{\"type\": \"var\", \"var_id\": \"a\"}", num(2));
    List<Violation> v = violations("{\"a\": " + a + ", \"b\": " + b + ", \"t\": " + TRUE + "}", "t", "t", null);
    assertThat(v).hasSize(1);
    assertThat(v.get(0).rule()).isEqualTo("cycle");
    assertThat(v.get(0).pointer()).isEqualTo("/expressions/b/args/0");
    assertThat(v.get(0).message()).contains("a -> b -> a");
    // a self-reference is a cycle of one
    List<Violation> self = violations("{\"s\": " + op("not", "{\"type\": \"var\", \"var_id\": \"s\"}") + "}",
        "s", "s", null);
    assertThat(self).extracting(Violation::rule, Violation::pointer)
        .containsExactly(tuple("cycle", "/expressions/s/args/0"));
    assertThat(self.get(0).message()).contains("s -> s");
  }

  @Test
  void windowsMustBeIntegersAtLeastOneFromConstOrParam() {
    String gt = op("gt", CLOSE, sma(CLOSE, num(2.5)));
    String lag0 = op("lag", CLOSE, num(0));
    String fromVar = op("ema", CLOSE, CLOSE);
    String fromParam = op("rsi", CLOSE, "{\"type\": \"param\", \"param_id\": \"n\"}");
    String bool = op("std", CLOSE, TRUE);
    List<Violation> v = violations("{\"entry_cond\": " + gt + ", \"l\": " + lag0 + ", \"v\": " + fromVar
        + ", \"p\": " + fromParam + ", \"b\": " + bool + "}", "entry_cond", "entry_cond", "{\"n\": 0.5}");
    assertThat(v).extracting(Violation::pointer, Violation::rule, Violation::value).containsExactly(
        tuple("/expressions/entry_cond/args/1/args/1", "window_not_integer", "2.5"),
        tuple("/expressions/l/args/1", "window_not_integer", "0"),
        tuple("/expressions/v/args/1", "window_not_integer", "var close"),
        tuple("/expressions/p/args/1", "window_not_integer", "0.5"),
        tuple("/expressions/b/args/1", "window_not_integer", "true"));
    assertThat(v.get(0).describe()).contains("test.json at /expressions/entry_cond/args/1/args/1");
  }

  @Test
  void typeErrors() {
    String andOfNumber = op("and", TRUE, CLOSE);
    String gtOfBooleans = op("gt", TRUE, TRUE);
    List<Violation> v = violations("{\"a\": " + andOfNumber + ", \"g\": " + gtOfBooleans + ", \"n\": "
        + sma(CLOSE, num(3)) + "}", "n", "a", null);
    assertThat(v).extracting(Violation::pointer, Violation::rule).containsExactly(
        tuple("/expressions/a/args/1", "type"),
        tuple("/expressions/g/args/0", "type"),
        tuple("/expressions/g/args/1", "type"),
        tuple("/signals/entry", "type"));
    assertThat(v.get(0).message()).contains("argument 1 of and must be a boolean, got a number");
  }

  @Test
  void typesFlowThroughNamedExpressions() {
    // "m" is numeric, so not(var m) is a type error even though the var node itself carries no type
    List<Violation> v = violations("{\"m\": " + sma(CLOSE, num(3)) + ", \"x\": "
        + op("not", "{\"type\": \"var\", \"var_id\": \"m\"}") + "}", "x", "x", null);
    assertThat(v).extracting(Violation::pointer, Violation::rule)
        .containsExactly(tuple("/expressions/x/args/0", "type"));
  }

  @Test
  void missingSignal() {
    JsonNode noExit = Json.parse("{\"dsl_version\": \"signal_dsl_v1\", \"expressions\": {\"t\": " + TRUE
        + "}, \"signals\": {\"entry\": \"nope\"}, \"execution\": {\"order_timing\": \"close\", "
        + "\"cost_model\": {\"ref_policy\": true}}}", "test.json");
    assertThat(violations(noExit)).extracting(Violation::pointer, Violation::rule, Violation::value)
        .containsExactly(tuple("/signals/entry", "missing_signal", "nope"),
            tuple("/signals/exit", "missing_signal", null));
  }

  @Test
  void referenceBadExamplesAreRefused() {
    JsonNode badVersion = Json.read(DslFixtures.REFERENCE.resolve("contract_examples/signal_dsl_version_bad.json"));
    assertThat(violations(badVersion)).extracting(Violation::pointer, Violation::rule, Violation::value)
        .containsExactly(tuple("/dsl_version", "bad_version", "\"signal_dsl_v2\""));
    JsonNode refPolicy = Json.read(DslFixtures.REFERENCE.resolve("contract_examples/signal_dsl_bad.json"));
    assertThat(violations(refPolicy)).extracting(Violation::pointer, Violation::rule)
        .containsExactly(tuple("/execution/cost_model/ref_policy", "ref_policy"));
  }

  @Test
  void collectsEveryProblemAtOnce() {
    String e = op("and", op("frobnicate", CLOSE), "{\"type\": \"var\", \"var_id\": \"nothing\"}");
    List<Violation> v = violations(doc("{\"e\": " + e + ", \"close\": " + TRUE + "}", "e", "missing", null));
    assertThat(v).extracting(Violation::rule)
        .containsExactly("reserved_name", "unknown_op", "unknown_var", "missing_signal");
  }

  @Test
  void malformedNodesAndDocuments() {
    List<Violation> v = violations("{\"a\": {\"type\": \"konst\", \"value\": 1}, \"b\": {\"type\": \"const\"},"
        + " \"c\": {\"type\": \"op\", \"op\": \"not\"}, \"d\": [1], \"t\": " + TRUE + "}", "t", "t",
        "{\"x\": \"five\"}");
    assertThat(v).extracting(Violation::pointer, Violation::rule).containsExactly(
        tuple("/params/x", "bad_param"),
        tuple("/expressions/a/type", "malformed"),
        tuple("/expressions/b/value", "malformed"),
        tuple("/expressions/c/args", "malformed"),
        tuple("/expressions/d", "malformed"));
    assertThat(violations(Json.parse("[1]", "test.json"))).extracting(Violation::rule).containsExactly("malformed");
    assertThat(violations(Json.parse("{}", "test.json"))).extracting(Violation::pointer).containsExactly(
        "/dsl_version", "/expressions", "/signals", "/execution");
  }

  @Test
  void executionMustUseSupportedTimingAndPolicyCosts() {
    JsonNode dsl = Json.parse("{\"dsl_version\": \"signal_dsl_v1\", \"expressions\": {\"t\": " + TRUE
        + "}, \"signals\": {\"entry\": \"t\", \"exit\": \"t\"}, \"execution\": {\"order_timing\": \"vwap\", "
        + "\"cost_model\": {\"commission_bps\": 1}}}", "test.json");
    assertThat(violations(dsl)).extracting(Violation::pointer, Violation::rule).containsExactly(
        tuple("/execution/order_timing", "order_timing"),
        tuple("/execution/cost_model/ref_policy", "ref_policy"));
  }

  @Test
  void pointersEscapeSlashAndTilde() {
    List<Violation> v = violations("{\"a/b~c\": " + op("nope") + ", \"t\": " + TRUE + "}", "t", "t", null);
    assertThat(v).extracting(Violation::pointer).containsExactly("/expressions/a~1b~0c");
  }
}
