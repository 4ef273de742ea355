package org.relance.dunning.cases.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.dunning.cases.application.FactIntake;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.consumer.RecordConsumer;

/** The topics dunning reads, each record applied once ({@link FactIntake}). */
@ApplicationScoped
public class DunningConsumer implements RecordConsumer {

  private final IdempotentConsumer consumer;
  private final FactIntake facts;

  public DunningConsumer(IdempotentConsumer consumer, FactIntake facts) {
    this.consumer = consumer;
    this.facts = facts;
  }

  @Incoming("events")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(record, facts::apply);
  }
}
