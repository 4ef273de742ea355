package org.relance.penalty.assessment.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.penalty.assessment.application.PenaltyAssessments;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.consumer.RecordConsumer;

/**
 * The invoice events, formal-notice requests, escalations, recorded rates and erasures of personal
 * data penalty-service consumes, once each: {@link PenaltyAssessments} takes them.
 */
@ApplicationScoped
public class PenaltyConsumer implements RecordConsumer {

  private final IdempotentConsumer consumer;
  private final PenaltyAssessments assessments;

  public PenaltyConsumer(IdempotentConsumer consumer, PenaltyAssessments assessments) {
    this.consumer = consumer;
    this.assessments = assessments;
  }

  @Incoming("events")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(
        record,
        (tx, event, where) ->
            switch (event.eventType()) {
              case RATE_RECORDED -> assessments.rateRecorded(event);
              case PERSONAL_DATA_ERASED -> assessments.personalDataErased(tx, event);
              default -> assessments.record(tx, event);
            });
  }
}
