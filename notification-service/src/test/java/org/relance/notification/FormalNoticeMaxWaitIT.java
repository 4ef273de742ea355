package org.relance.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relance.notification.ReminderRequests.request;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/** The sweep of formal notices whose penalties never came, with a maximum wait of seconds. */
@QuarkusTest
@TestProfile(FormalNoticeMaxWaitIT.ShortWait.class)
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = {
      @ResourceArg(name = "database", value = "notification"),
      @ResourceArg(name = "mail", value = "true")
    })
class FormalNoticeMaxWaitIT {

  public static class ShortWait implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "relance.notification.formal-notice-max-wait", "PT2S",
          "relance.notification.parked-sweep-interval", "1s");
    }
  }

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @jakarta.inject.Inject org.relance.platform.personal.SubjectKeys keys;

  @Test
  void a_formal_notice_whose_penalties_never_come_is_sent_after_the_maximum_wait_without_figures() {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String invoiceId = UUID.randomUUID().toString();
    var notice =
        request(
                invoiceId,
                UUID.randomUUID().toString(),
                "late-" + tenant + "@x.example",
                "formal-notice")
            .put("step", "FORMAL_NOTICE")
            .put("tone", "FORMAL_NOTICE")
            .put("daysLate", 30)
            .put("responseDeadline", "2026-03-14");
    try (FakeProducer dunning = new FakeProducer(bootstrap)) {
      ReminderRequests.publishSealed(dunning, keys, tenant, LocalDate.parse("2026-03-06"), notice);
    }

    CloudEvent sent =
        ReminderRequests.opened(
            new TopicReader(bootstrap)
                .await(
                    "ReminderSent", e -> e.subject().equals(invoiceId), 1, Duration.ofSeconds(45))
                .get(0));
    assertThat(sent.data().get("content").asText())
        .contains("MISE EN DEMEURE DE PAYER")
        .contains(
            "auxquels s'ajoute l'indemnité forfaitaire pour frais de recouvrement de 40 euros")
        .doesNotContain("les pénalités s'élèvent");
  }
}
