package org.relance.litigation.evidence.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.relance.contracts.CloudEvent;
import org.relance.platform.consumer.ConsumedRecord;
import org.relance.platform.consumer.IdempotentConsumer;

/** Records every event of every invoice in the evidence ledger, as it arrives. */
@ApplicationScoped
public class EvidenceConsumer implements org.relance.platform.consumer.RecordConsumer {

  private final IdempotentConsumer consumer;
  private final MeterRegistry registry;

  public EvidenceConsumer(IdempotentConsumer consumer, MeterRegistry registry) {
    this.consumer = consumer;
    this.registry = registry;
  }

  @Incoming("events")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(record, this::record);
  }

  private Uni<Void> record(SqlConnection tx, CloudEvent e, ConsumedRecord where) {
    return tx.preparedQuery(
            "insert into evidence_events (event_id, subject, tenant, source, type, sequence, business_date,"
                + " event_time, hash, prevhash, envelope, topic, kafka_partition, kafka_offset)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) on conflict (event_id) do nothing")
        .execute(
            Tuple.from(
                List.<Object>of(
                    UUID.fromString(e.id()),
                    e.subject(),
                    e.tenant(),
                    e.source(),
                    e.type(),
                    e.sequenceNumber(),
                    LocalDate.parse(e.businessdate()),
                    e.time(),
                    e.hash(),
                    e.prevhash(),
                    where.value(),
                    where.topic(),
                    where.partition(),
                    where.offset())))
        .invoke(
            rows ->
                registry
                    .counter("relance.evidence.recorded", "type", e.type())
                    .increment(rows.rowCount()))
        .replaceWithVoid();
  }
}
