package org.relance.litigation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain stays plain Java: decisions can be read, tested and replayed without a framework. */
@AnalyzeClasses(packages = "org.relance.litigation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domain_depends_on_no_framework = noClasses()
      .that().resideInAPackage("..domain..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.quarkus..", "org.apache.kafka..", "com.fasterxml..", "io.vertx..", "io.smallrye..",
          "jakarta.persistence..", "org.hibernate..", "java.sql..", "jakarta.ws..", "org.relance.platform..");
}
