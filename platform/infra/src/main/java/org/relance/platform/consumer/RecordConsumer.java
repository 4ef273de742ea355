package org.relance.platform.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A service's Kafka consumer, as the operator's dead-letter replay calls it: the same path as a
 * record arriving from the topic (idempotent, transactional, dead-lettered again if it still
 * fails).
 */
public interface RecordConsumer {
  Uni<Void> consume(ConsumerRecord<String, String> record);
}
