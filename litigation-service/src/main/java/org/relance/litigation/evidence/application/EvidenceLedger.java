package org.relance.litigation.evidence.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.litigation.evidence.persistence.EvidenceRepository;
import org.relance.platform.consumer.ConsumedRecord;
import org.relance.platform.personal.PersonalData;

/**
 * Records every event of every invoice in the evidence ledger, as it arrives, and the erasures of
 * data subjects' personal data ({@code PersonalDataErased}, about {@code <tenant>/<debtorId>}): the
 * ledger keeps the sealed events as they are, this instance forgets the subject's keys.
 */
@ApplicationScoped
public class EvidenceLedger {

  private final EvidenceRepository repository;
  private final MeterRegistry registry;
  private final PersonalData personal;

  public EvidenceLedger(
      EvidenceRepository repository, MeterRegistry registry, PersonalData personal) {
    this.repository = repository;
    this.registry = registry;
    this.personal = personal;
  }

  /**
   * Keeps the event as published (the record value, byte for byte) with where it was read; an event
   * already kept is not counted again.
   */
  public Uni<Void> record(SqlConnection tx, CloudEvent event, ConsumedRecord where) {
    if (event.eventType() == EventType.PERSONAL_DATA_ERASED) {
      PersonalDataErased erased = EventCodec.read(event, PersonalDataErased.class);
      personal
          .keys()
          .evict(erased.tenant() == null ? event.tenant() : erased.tenant(), erased.subjectId());
    }
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
