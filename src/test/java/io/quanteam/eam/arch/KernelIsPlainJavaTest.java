package io.quanteam.eam.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The kernel is plain Java: no Camel, and it never reaches up into the Camel-facing edge. */
class KernelIsPlainJavaTest {
  private static final String[] KERNEL = {
      "io.quanteam.eam.json..", "io.quanteam.eam.contract..", "io.quanteam.eam.policy..",
      "io.quanteam.eam.data..", "io.quanteam.eam.dsl..", "io.quanteam.eam.compile..",
      "io.quanteam.eam.backtest..", "io.quanteam.eam.stats..", "io.quanteam.eam.gate..",
      "io.quanteam.eam.registry..", "io.quanteam.eam.report..", "io.quanteam.eam.agent..",
      "io.quanteam.eam.job.."};
  private static final String[] EDGE = {
      "io.quanteam.eam.workflow..", "io.quanteam.eam.api..", "io.quanteam.eam.ui..",
      "io.quanteam.eam.cli..", "io.quanteam.eam.app.."};

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.quanteam.eam");

  @Test
  void kernelImportsNoCamel() {
    noClasses().that().resideInAnyPackage(KERNEL)
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void kernelDoesNotDependOnTheEdge() {
    noClasses().that().resideInAnyPackage(KERNEL)
        .should().dependOnClassesThat().resideInAnyPackage(EDGE)
        .allowEmptyShould(true)
        .check(classes);
  }
}
