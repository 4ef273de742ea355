package org.relance.penalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.InvoiceData;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/**
 * A debtor's personal data erased: penalty-service's cases forget its contact data, keep the terms
 * penalties are computed from, and go on assessing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "penalty"))
class PersonalDataErasureIT {

  private static final String EMAIL = "compta@dupont.example";
  private static final String PHONE = "+33 6 12 34 56 78";

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Inject Pool pool;

  @Test
  void an_erased_debtors_contact_data_leaves_its_cases_and_penalties_go_on() {
    String tenant = "erase-" + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    ObjectNode invoice =
        InvoiceData.issued(id, tenant, "F-ER-1", "2026-01-05", "2026-02-04", "1200.00");
    ObjectNode debtor = (ObjectNode) invoice.get("debtor");
    debtor.put("phone", PHONE);
    debtor
        .putObject("address")
        .put("city", "Paris")
        .put("postalCode", "75002")
        .put("country", "FR")
        .putArray("lines")
        .add("1 rue de la Paix");
    try (FakeProducer invoices = new FakeProducer(bootstrap)) {
      // clear (version 1) data, as invoice-service published it before personal data was sealed
      invoices.publish(
          EventType.INVOICE_ISSUED, id, tenant, LocalDate.parse("2026-01-05"), invoice);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(caseText(id)).contains(EMAIL).contains(PHONE));

      ObjectNode erasure =
          Json.object()
              .put("tenant", tenant)
              .put("subjectId", "C-1")
              .put("erasedBy", "operator")
              .put("reason", "the data subject's request")
              .put("erasedOn", "2026-02-05")
              .put("erasedAt", "2026-02-05T09:00:00Z")
              .put("keyGenerations", 1)
              .put("override", true);
      erasure.putArray("invoices").add(id);
      erasure.putArray("overridden").add(id);
      invoices.publish(
          EventType.PERSONAL_DATA_ERASED,
          tenant + "/C-1",
          tenant,
          LocalDate.parse("2026-02-05"),
          erasure);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(caseText(id))
                      .doesNotContain(EMAIL)
                      .doesNotContain(PHONE)
                      .doesNotContain("rue de la Paix")
                      .contains("Dupont SARL")
                      .contains("1200.00"));

      // the terms are intact: the invoice's lateness is assessed as before
      invoices.publish(
          EventType.DUE_DATE_PASSED,
          id,
          tenant,
          LocalDate.parse("2026-02-05"),
          InvoiceData.dueDatePassed(id, "F-ER-1", "2026-02-04", "1200.00"));
    }
    List<CloudEvent> assessed =
        new TopicReader(bootstrap)
            .await("PenaltyAssessed", e -> e.subject().equals(id), 1, Duration.ofSeconds(30));
    assertThat(assessed.get(0).data().get("total").asText()).isEqualTo("40.40");
    assertThat(caseText(id)).doesNotContain(EMAIL);
  }

  private String caseText(String invoiceId) {
    var rows =
        pool.preparedQuery("select invoice::text from penalty_cases where invoice_id = $1")
            .execute(Tuple.of(UUID.fromString(invoiceId)))
            .await()
            .atMost(Duration.ofSeconds(10));
    return rows.size() == 0 ? "" : String.valueOf(rows.iterator().next().getString(0));
  }
}
