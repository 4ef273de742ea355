package org.relance.litigation.evidence.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;

class EvidenceFileTest {

  private static List<CloudEvent> history() {
    List<CloudEvent> events = new ArrayList<>(Golden.invoiceStream());
    events.add(Golden.event(EventType.REMINDER_REQUESTED));
    events.add(Golden.event(EventType.REMINDER_SENT));
    events.add(Golden.event(EventType.PENALTY_ASSESSED));
    return events;
  }

  @Test
  void the_history_order_does_not_depend_on_arrival_order() {
    List<CloudEvent> arrived = history();
    List<String> expected =
        EvidenceFile.of("i", arrived).events().stream().map(CloudEvent::id).toList();
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(arrived, random);
      assertThat(EvidenceFile.of("i", arrived).events())
          .extracting(CloudEvent::id)
          .containsExactlyElementsOf(expected);
    }
    assertThat(expected.get(0)).isEqualTo(Golden.invoiceStream().get(0).id());
  }

  @Test
  void each_producer_chain_is_verified_on_its_own() {
    EvidenceFile file = EvidenceFile.of("i", history());

    assertThat(file.chains())
        .containsOnlyKeys(
            "invoice-service", "dunning-service", "notification-service", "penalty-service");
    assertThat(file.verified()).isTrue();
    assertThat(file.chains().get("invoice-service").length()).isEqualTo(3);
  }

  @Test
  void a_missing_event_is_reported_as_the_first_broken_link_of_its_chain() {
    List<CloudEvent> events = history();
    events.remove(Golden.invoiceStream().get(1));

    EvidenceFile file = EvidenceFile.of("i", events);

    assertThat(file.verified()).isFalse();
    assertThat(file.chains().get("invoice-service").brokenSequence()).isEqualTo("3");
    assertThat(file.chains().get("dunning-service").verified()).isTrue();
  }
}
