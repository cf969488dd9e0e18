package org.distinct;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DEVELOPERS.md: the numeric core never depends on reporting or the command line. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.distinct");
  }

  private static final String[] CORE = {
    "org.distinct.tensor..", "org.distinct.model..", "org.distinct.train..", "org.distinct.prune..", "org.distinct.eval.."
  };

  @Test
  void coreDoesNotUseReportOrCli() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage("org.distinct.report..", "org.distinct.cli..", "org.distinct.study..")
        .check(classes);
  }

  @Test
  void coreDoesNotUseReportOrCliLibraries() {
    noClasses().that().resideInAnyPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(
            "picocli..", "org.jfree..", "com.github.mustachejava..", "org.hipparchus..")
        .check(classes);
  }

  @Test
  void dataDoesNotUseUpperLayers() {
    noClasses().that().resideInAPackage("org.distinct.data..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.distinct.model..", "org.distinct.train..", "org.distinct.prune..", "org.distinct.report..",
            "org.distinct.cli..", "org.distinct.study..", "picocli..", "org.jfree..")
        .check(classes);
  }

  @Test
  void reportDoesNotUseCli() {
    noClasses().that().resideInAnyPackage("org.distinct.report..", "org.distinct.study..")
        .should().dependOnClassesThat().resideInAnyPackage("org.distinct.cli..", "picocli..")
        .check(classes);
  }
}
