package org.relance.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one layout of every service, checked with ArchUnit in each service's ArchitectureTest:
 *
 * <ul>
 *   <li>{@code api}: resources and their request/response records only;
 *   <li>{@code application}: use cases — transactions, scheduling, locking;
 *   <li>{@code domain}: pure decisions, plain Java;
 *   <li>{@code persistence}: all SQL, and the codecs between domain events and contract records;
 *   <li>{@code messaging}: consumers only, delegating to {@code application}.
 * </ul>
 *
 * A service's {@code ArchitectureTest} applies them all at once with {@code @ArchTest static final
 * ArchTests layer_rules = ArchTests.in(LayerRules.class)}, so a rule added here reaches every
 * service. A service's packages are {@code org.relance.<service>.<module>.<layer>}; {@code config}
 * holds CDI producers and configuration mappings when a service needs them.
 */
public final class LayerRules {

  private LayerRules() {}

  /** Every class of the service sits in one of the layers. */
  @ArchTest
  public static final ArchRule EVERY_CLASS_IN_A_LAYER =
      classes()
          .that()
          .doNotHaveSimpleName("package-info")
          .should()
          .resideInAnyPackage(
              "..api..",
              "..application..",
              "..domain..",
              "..persistence..",
              "..messaging..",
              "..config..")
          .as("every class sits in api, application, domain, persistence, messaging (or config)");

  /**
   * Who may use whom: nothing uses the adapters that face outwards (api, messaging); application is
   * used by them; persistence only by application (api never reads tables itself); the domain by
   * everyone.
   */
  @ArchTest
  public static final ArchRule LAYERS =
      Architectures.layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          // a service that consumes nothing has no messaging layer
          .withOptionalLayers(true)
          .layer("api")
          .definedBy("..api..")
          .layer("messaging")
          .definedBy("..messaging..")
          .layer("application")
          .definedBy("..application..")
          .layer("persistence")
          .definedBy("..persistence..")
          .layer("domain")
          .definedBy("..domain..")
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("messaging")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("application")
          .mayOnlyBeAccessedByLayers("api", "messaging")
          .whereLayer("persistence")
          .mayOnlyBeAccessedByLayers("application");

  /** SQL runs in persistence only (and in the platform's own event store). */
  @ArchTest
  public static final ArchRule SQL_ONLY_IN_PERSISTENCE =
      noClasses()
          .that()
          .resideOutsideOfPackage("..persistence..")
          .should()
          .callMethodWhere(runsSql())
          .as("only persistence runs SQL");

  /**
   * The domain is plain Java: the JDK, its own domain packages, money and refusals of the contracts
   * — no framework, no adapter, no contract record.
   */
  @ArchTest
  public static final ArchRule DOMAIN_IS_PURE =
      classes()
          .that()
          .resideInAPackage("..domain..")
          .should()
          .onlyDependOnClassesThat(
              JavaClass.Predicates.resideInAnyPackage(
                      "java..", "..domain..", "org.relance.contracts.money..")
                  .or(JavaClass.Predicates.type(org.relance.contracts.Refusal.class))
                  .or(JavaClass.Predicates.belongToAnyOf(org.relance.contracts.Refusal.class)))
          .as("the domain depends only on the JDK, the domain, Money and Refusal");

  private static DescribedPredicate<JavaMethodCall> runsSql() {
    return new DescribedPredicate<>("a query of the reactive SQL client") {
      @Override
      public boolean test(JavaMethodCall call) {
        String owner = call.getTargetOwner().getPackageName();
        String name = call.getName();
        return owner.startsWith("io.vertx")
            && owner.contains("sqlclient")
            && (name.equals("query") || name.equals("preparedQuery"));
      }
    };
  }

  /** The platform's tables: a service reads them only through the platform's classes. */
  public static final Set<String> PLATFORM_TABLES =
      Set.of(
          "event_store",
          "relay_checkpoint",
          "processed_events",
          "consumer_progress",
          "dead_letters",
          "access_log",
          "tenants");

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /**
   * Fails naming every string literal of the service's main sources that reads or writes a platform
   * table ({@code from event_store}, {@code update tenants}…; a URL path naming the word is not
   * SQL): {@code event_store} only through {@code EventStore}, and so on.
   *
   * @param sourceRoot the service's {@code src/main/java}
   */
  public static void assertNoPlatformTableIn(Path sourceRoot) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher literal = STRING_LITERAL.matcher(lines.get(i));
          while (literal.find()) {
            for (String table : PLATFORM_TABLES) {
              if (Pattern.compile("(?i)\\b(from|join|into|update|table|exists)\\s+" + table + "\\b")
                  .matcher(literal.group())
                  .find()) {
                found.add(sourceRoot.relativize(file) + ":" + (i + 1) + " names " + table);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!found.isEmpty()) {
      throw new AssertionError(
          "SQL naming the platform's tables outside the platform:\n  "
              + String.join("\n  ", found));
    }
  }
}
