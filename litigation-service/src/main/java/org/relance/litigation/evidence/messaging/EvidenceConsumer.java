package org.relance.litigation.evidence.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.litigation.evidence.application.EvidenceLedger;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.consumer.RecordConsumer;

/** Hands every event of every invoice-keyed topic to the evidence ledger, once each. */
@ApplicationScoped
public class EvidenceConsumer implements RecordConsumer {

  private final IdempotentConsumer consumer;
  private final EvidenceLedger ledger;

  public EvidenceConsumer(IdempotentConsumer consumer, EvidenceLedger ledger) {
    this.consumer = consumer;
    this.ledger = ledger;
  }

  @Incoming("events")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(record, ledger::record);
  }
}
