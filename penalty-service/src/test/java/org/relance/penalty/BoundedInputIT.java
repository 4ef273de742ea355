package org.relance.penalty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.platform.relay.Relay;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/**
 * Bounded input at the edge: whatever a caller sends to penalty-service, it answers a 4xx problem
 * that stores nothing, or accepts it; never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "penalty"))
class BoundedInputIT {

  private static final String QUOTE =
      """
      {"jurisdiction": "FR", "amount": "10000.00", "currency": "EUR", "dueDate": "2025-03-31",
       "contractRate": null, "allocation": "PRINCIPAL_FIRST",
       "payments": [{"paidOn": "2025-05-15", "amount": "10000.00"}], "asOf": "2025-05-15"}""";

  /**
   * A value of the private-person legal rate, a series no engine reads, for a half-year far ahead:
   * whatever variant of it is accepted changes no penalty another test computes.
   */
  private static final String RATE =
      """
      {"effectiveFrom": "2090-01-01", "ratePercent": "6.67",
       "source": "fuzz: arrêté semestriel", "verifiedThrough": "2090-06-30"}""";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @TestHTTPResource("/")
  URL base;

  @Inject Relay relay;

  @Test
  void each_operation_admits_only_its_roles_and_another_tenant_finds_nothing() {
    String tenant = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    String id = assessedInvoice(tenant);
    org.relance.testkit.AccessCheck.check(
        base.toString(),
        java.util.Map.of("tenant", tenant, "invoiceId", id, "series", "FR_LEGAL_PRIVATE"),
        java.util.Map.of(
            "POST /api/v1/penalties/quote", QUOTE,
            "POST /api/v1/penalties/{invoiceId}/waivers",
                "{\"scope\":\"ALL\",\"reason\":\"commercial gesture\"}",
            "POST /api/v1/penalties/rates/{series}", RATE),
        "other-" + UUID.randomUUID().toString().substring(0, 8),
        List.of(id));
  }

  /** An invoice a day late, of the tenant: its penalties are assessed, and can be waived. */
  private String assessedInvoice(String tenant) {
    String id = UUID.randomUUID().toString();
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      invoices.publish(
          EventType.INVOICE_ISSUED,
          id,
          tenant,
          LocalDate.parse("2026-01-05"),
          InvoiceData.issued(id, tenant, "F-FUZZ-1", "2026-01-05", "2026-02-04", "1200.00"));
      invoices.publish(
          EventType.DUE_DATE_PASSED,
          id,
          tenant,
          LocalDate.parse("2026-02-05"),
          InvoiceData.dueDatePassed(id, "F-FUZZ-1", "2026-02-04", "1200.00"));
    }
    new TopicReader(bootstrap)
        .await("PenaltyAssessed", e -> e.subject().equals(id), 1, Duration.ofSeconds(30));
    return id;
  }

  @Test
  void generated_bodies_never_get_a_5xx_and_a_4xx_stores_nothing() {
    String tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    String id = assessedInvoice(tenant);
    String deadLetter =
        EndpointFuzzer.deadLetter(base.toString(), bootstrap, "InvoiceIssued", tenant);

    List<Endpoint> endpoints =
        List.of(
            new Endpoint("POST", "/api/v1/penalties/quote", QUOTE),
            new Endpoint(
                "POST",
                "/api/v1/penalties/" + id + "/waivers",
                "{\"scope\":\"ALL\",\"reason\":\"commercial gesture\"}"),
            new Endpoint("POST", "/api/v1/penalties/rates/FR_LEGAL_PRIVATE", RATE),
            new Endpoint(
                "POST",
                "/api/v1/admin/dead-letters/" + deadLetter + "/discard",
                "{\"reason\":\"test\"}"));
    EndpointFuzzer.check(
        base.toString(), jdbcUrl, bootstrap, relay::publishPending, tenant, endpoints);
  }
}
