package io.quanteam.eam.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract schemas ({@code contracts/<name>.json}, JSON Schema 2020-12), parsed once per JVM and validated
 * against on every trust boundary. Thread-safe.
 */
public final class Contracts {
  /** Every contract this build ships; a test keeps it equal to the files under {@code contracts/}. */
  static final List<String> NAMES = List.of(
      "agent_run_v1", "asof_latency_policy_v1", "blueprint_v1", "budget_policy_v1", "calc_trace_plan_v1",
      "card_event_v1", "config_snapshot_v1",
      "cost_policy_v1", "data_manifest_v1", "data_snapshot_manifest_v1", "diagnostic_spec_v1", "dossier_v1",
      "execution_policy_v1", "experience_card_v1", "exposure_v1", "expression_ast_v1", "gate_results_v2",
      "gate_spec_v1", "gate_suite_v1", "idea_spec_v1", "improvement_proposals_v1", "job_event_v1", "job_event_v2",
      "job_spec_v1", "policy_bundle_v1", "policy_lock_v1", "quality_report_v1", "report_summary_v1",
      "risk_policy_v1", "risk_report_v1",
      "run_spec_v1", "run_spec_v2", "segment_metrics_v1", "segments_summary_v1", "signal_dsl_v1", "trial_event_v1",
      "variable_dictionary_v1");

  private static final Comparator<Violation> ORDER = Comparator
      .comparing(Violation::pointer)
      .thenComparing(Violation::rule)
      .thenComparing(Violation::message)
      .thenComparing(v -> Objects.toString(v.value(), ""));

  private static final class Holder {
    static final Contracts SHARED = new Contracts(Contracts.class.getClassLoader());
  }

  private final ClasspathContractLoader loader;
  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  /**
   * Compiled on first use, each with every $ref resolved then: a short command validates one or two kinds of
   * document and compiled all 36 (~0.1 s of its start, issue 10 item 4). The daemon and a polling worker compile every
   * one as they start ({@link #compileAll}), so a broken contract stops them there and not at a job's step; a
   * one-pass worker compiles as it goes (every contract is compiled by the build's tests).
   */
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  Contracts(ClassLoader classLoader) {
    this.loader = new ClasspathContractLoader(classLoader);
    this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaLoaders(loaders -> loaders.values(list -> {
          list.clear();
          list.add(loader);
        })));
    this.config = SchemaValidatorsConfig.builder()
        .formatAssertionsEnabled(true)
        .pathType(PathType.JSON_POINTER)
        .regularExpressionFactory(EcmaAnchors.INSTANCE)
        .build();
  }

  /** The process-wide instance (each schema is parsed on first use, once). */
  public static Contracts shared() {
    return Holder.SHARED;
  }

  /** Compiles every contract now (see {@link #schemas}); a broken one throws. */
  public Contracts compileAll() {
    NAMES.forEach(this::schema);
    return this;
  }

  public Set<String> names() {
    return new LinkedHashSet<>(NAMES);
  }

  private JsonSchema schema(String contract) {
    if (!NAMES.contains(contract)) {
      throw new IllegalArgumentException("unknown contract " + contract + "; known: " + NAMES);
    }
    return schemas.computeIfAbsent(contract, this::compile);
  }

  private synchronized JsonSchema compile(String name) {
    JsonSchema schema = factory.getSchema(SchemaLocation.of(ClasspathContractLoader.ID_PREFIX + name + ".json"),
        config);
    // Resolve every $ref now, so validation never loads lazily.
    schema.initializeValidators();
    return schema;
  }

  /** Violations of {@code contract} by {@code doc}, sorted by pointer then rule; empty when valid. */
  public List<Violation> check(JsonNode doc, String contract, String source) {
    JsonSchema schema = schema(contract);
    ValidDocument key = doc == null ? null : new ValidDocument(contract, doc);
    if (key != null && valid.contains(key)) {
      return List.of();
    }
    List<Violation> violations = schema.validate(doc).stream()
        .map(m -> ViolationReader.toViolation(m, source))
        .distinct()
        .sorted(ORDER)
        .toList();
    if (key != null && violations.isEmpty()) {
      valid.add(key.copied());
    }
    return violations;
  }

  /**
   * Validation is a pure function of the document, and the workflow meets the same document several times (a
   * runspec at compile, run and gates; a dossier file when written and when re-rendered): documents equal to one
   * found valid recently are not validated again. Keys are deep copies, so a caller changing its node later
   * cannot make an invalid document look validated.
   */
  private final Set<ValidDocument> valid = Collections.newSetFromMap(
      Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ValidDocument, Boolean> eldest) {
          return size() > 512;
        }
      }));

  private record ValidDocument(String contract, JsonNode doc, int hash) {
    ValidDocument(String contract, JsonNode doc) {
      this(contract, doc, 31 * contract.hashCode() + doc.hashCode());
    }

    ValidDocument copied() {
      return new ValidDocument(contract, doc.deepCopy(), hash);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ValidDocument v && hash == v.hash && contract.equals(v.contract) && doc.equals(v.doc);
    }
  }

  /** Throws {@link InvalidInputException} listing every violation when {@code doc} breaks {@code contract}. */
  public void require(JsonNode doc, String contract, String source) {
    throwIfAny(check(doc, contract, source));
  }

  /** Like {@link #check}, with the contract named by the document's {@code schema_version} or {@code dsl_version}. */
  public List<Violation> checkAuto(JsonNode doc, String source) {
    String contract = contractOf(doc);
    if (contract == null) {
      return List.of(unknownContract(doc, source));
    }
    return check(doc, contract, source);
  }

  public void requireAuto(JsonNode doc, String source) {
    throwIfAny(checkAuto(doc, source));
  }

  /** The contract a document declares, or null when it declares none this build knows. */
  public String contractOf(JsonNode doc) {
    String declared = declaredVersion(doc);
    return declared != null && NAMES.contains(declared) ? declared : null;
  }

  /** How many schema files this instance has read (for the load-once test). */
  int schemaReads() {
    return loader.reads();
  }

  private static String declaredVersion(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      return null;
    }
    JsonNode version = doc.hasNonNull("schema_version") ? doc.get("schema_version") : doc.get("dsl_version");
    return version != null && version.isTextual() ? version.asText() : null;
  }

  private static Violation unknownContract(JsonNode doc, String source) {
    boolean hasSchemaVersion = doc != null && doc.isObject() && doc.has("schema_version");
    boolean hasDslVersion = doc != null && doc.isObject() && doc.has("dsl_version");
    if (!hasSchemaVersion && !hasDslVersion) {
      return new Violation(source, "/", "unknown_contract",
          "the document names no contract: expected a schema_version (or dsl_version) field", null);
    }
    String field = hasSchemaVersion ? "schema_version" : "dsl_version";
    return new Violation(source, "/" + field, "unknown_contract",
        "not a contract this version knows; expected one of " + String.join(", ", NAMES),
        ViolationReader.compact(doc.get(field)));
  }

  private static void throwIfAny(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidInputException(violations);
    }
  }
}
