package org.relance.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service checks with ArchUnit. */
public final class DomainRules {

  private DomainRules() {}

  /**
   * The domain stays plain Java — no Quarkus, Kafka, Jackson, Vert.x, SQL or platform adapters — so
   * its decisions can be read, tested and replayed without a framework.
   */
  public static final ArchRule DOMAIN_IS_PLAIN_JAVA =
      noClasses()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quarkus..",
              "org.apache.kafka..",
              "com.fasterxml..",
              "io.vertx..",
              "io.smallrye..",
              "jakarta.persistence..",
              "org.hibernate..",
              "java.sql..",
              "jakarta.ws..",
              "org.relance.platform..");
}
