package org.relance.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** What the production profile refuses, and a configuration it accepts. */
class ProductionGuardTest {

  private static final Map<String, String> SAFE =
      Map.of(
          "quarkus.datasource.password", "a-real-secret",
          "quarkus.datasource.reactive.url", "postgresql://db.internal:5432/invoice",
          "quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full",
          "quarkus.oidc.auth-server-url", "https://id.example.com/realms/relance",
          "kafka.security.protocol", "SASL_SSL",
          "kafka.bootstrap.servers", "kafka-0.internal:9093,kafka-1.internal:9093",
          "quarkus.http.host", "0.0.0.0",
          "relance.http.tls-terminated-by-proxy", "true",
          "relance.clock.manual", "false");

  private static List<String> faults(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(SAFE);
    values.putAll(overrides);
    Config config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(values, "test", 500))
            .build();
    return ProductionGuard.faults(config);
  }

  @Test
  void a_deployment_with_its_own_secrets_and_tls_starts() {
    assertThat(faults(Map.of())).isEmpty();
  }

  @Test
  void the_local_stack_s_defaults_are_refused() {
    assertThat(
            faults(
                Map.of(
                    "quarkus.datasource.password", "relance",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:8180/realms/relance",
                    "relance.clock.manual", "true")))
        .hasSize(3)
        .anyMatch(f -> f.contains("datasource.password"))
        .anyMatch(f -> f.contains("local identity provider"))
        .anyMatch(f -> f.contains("manual business clock"));
  }

  @Test
  void plaintext_outside_loopback_is_refused() {
    assertThat(
            faults(
                Map.of(
                    "quarkus.datasource.reactive.postgresql.ssl-mode", "disable",
                    "quarkus.oidc.auth-server-url", "http://id.example.com/realms/relance",
                    "kafka.security.protocol", "SASL_PLAINTEXT",
                    "relance.http.tls-terminated-by-proxy", "false")))
        .hasSize(4)
        .anyMatch(f -> f.contains("PostgreSQL outside loopback needs TLS"))
        .anyMatch(f -> f.contains("needs https"))
        .anyMatch(f -> f.contains("SASL_SSL"))
        .anyMatch(f -> f.contains("without HTTPS"));
  }

  @Test
  void plaintext_on_loopback_is_allowed() {
    assertThat(
            faults(
                Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5433/invoice",
                    "quarkus.datasource.reactive.postgresql.ssl-mode", "disable",
                    "kafka.security.protocol", "SASL_PLAINTEXT",
                    "kafka.bootstrap.servers", "127.0.0.1:9092",
                    "quarkus.http.host", "127.0.0.1",
                    "relance.http.tls-terminated-by-proxy", "false")))
        .isEmpty();
  }
}
