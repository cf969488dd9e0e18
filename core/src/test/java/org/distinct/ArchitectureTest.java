package org.distinct;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.distinct.model.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DEVELOPERS.md: the numeric core never depends on reporting or the command line, nothing depends
 * on a layer above it, packages form no cycle, and the layers above the model families see only the family contract,
 * never a concrete network class.
 */
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

  @Test
  void coreAndDataDoNotUseTheFamilies() {
    noClasses().that().resideInAnyPackage(CORE).or().resideInAPackage("org.distinct.data..")
        .should().dependOnClassesThat().resideInAPackage("org.distinct.family..")
        .check(classes);
  }

  @Test
  void studyReportAndCliNeverNameAConcreteNetwork() {
    noClasses().that().resideInAnyPackage("org.distinct.study..", "org.distinct.report..", "org.distinct.cli..")
        .should().dependOnClassesThat(assignableTo(Network.class).and(not(type(Network.class))))
        .because("they see architectures only through org.distinct.family.ModelFamily")
        .check(classes);
  }

  @Test
  void onnxSitsBelowTheFamilies() {
    noClasses().that().resideInAPackage("org.distinct.onnx..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.distinct.family..", "org.distinct.train..", "org.distinct.prune..", "org.distinct.eval..", "org.distinct.study..",
            "org.distinct.report..", "org.distinct.cli..", "picocli..", "org.jfree..", "com.github.mustachejava..")
        .because("the ONNX importer and exporter read and write models only (DEVELOPERS.md)")
        .check(classes);
  }

  @Test
  void onlyOnnxAndTheCommandLineUseTheOnnxPackage() {
    noClasses().that().resideOutsideOfPackages("org.distinct.onnx..", "org.distinct.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("org.distinct.onnx..", "ai.onnx..")
        .check(classes);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("org.distinct.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void utilDependsOnNothingOfTheProject() {
    noClasses().that().resideInAPackage("org.distinct.util..")
        .should().dependOnClassesThat(resideInAPackage("org.distinct..").and(not(resideInAPackage("org.distinct.util.."))))
        .check(classes);
  }
}
