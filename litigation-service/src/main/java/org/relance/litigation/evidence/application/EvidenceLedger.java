package org.relance.litigation.evidence.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.relance.contracts.CloudEvent;
import org.relance.litigation.evidence.persistence.EvidenceRepository;
import org.relance.platform.consumer.ConsumedRecord;

/** Records every event of every invoice in the evidence ledger, as it arrives. */
@ApplicationScoped
public class EvidenceLedger {

  private final EvidenceRepository repository;
  private final MeterRegistry registry;

  public EvidenceLedger(EvidenceRepository repository, MeterRegistry registry) {
    this.repository = repository;
    this.registry = registry;
  }

  /**
   * Keeps the event as published (the record value, byte for byte) with where it was read; an event
   * already kept is not counted again.
   */
  public Uni<Void> record(SqlConnection tx, CloudEvent event, ConsumedRecord where) {
    return repository
        .record(tx, event, where)
        .invoke(
            recorded ->
                registry
                    .counter("relance.evidence.recorded", "type", event.type())
                    .increment(recorded ? 1 : 0))
        .replaceWithVoid();
  }
}
