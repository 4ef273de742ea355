package org.relance.invoice.personal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * The recorded erasures ({@code PersonalDataErased}) of data subjects: one stream per subject,
 * {@code <tenant>/<subjectId>}, also the Kafka key (tenants may share debtor ids, never a stream).
 */
@ApplicationScoped
public class ErasureRecords {

  private final EventStore store;

  public ErasureRecords(EventStore store) {
    this.store = store;
  }

  /** A subject's stream and Kafka key. */
  public static String stream(String tenant, String subjectId) {
    return tenant + "/" + subjectId;
  }

  /** The subject's erasures, oldest first (the stream's length is its version). */
  public Uni<List<PersonalDataErased>> of(SqlClient client, String tenant, String subjectId) {
    return store
        .readStream(client, stream(tenant, subjectId))
        .map(events -> events.stream().map(ErasureRecords::read).toList());
  }

  /** The latest erasure of each subject of the tenant. */
  public Uni<Map<String, PersonalDataErased>> latestOf(SqlClient client, String tenant) {
    return store
        .readType(client, EventType.PERSONAL_DATA_ERASED)
        .map(
            events -> {
              Map<String, PersonalDataErased> latest = new LinkedHashMap<>();
              for (CloudEvent e : events) {
                if (tenant.equals(e.tenant())) {
                  PersonalDataErased erased = read(e);
                  latest.put(erased.subjectId(), erased);
                }
              }
              return latest;
            });
  }

  /**
   * The event of the subject's {@code number}-th erasure: its id is derived from the subject and
   * that number, so the same erasure recorded twice collides.
   */
  public static PendingEvent pending(PersonalDataErased erased, long number, LocalDate today) {
    String stream = stream(erased.tenant(), erased.subjectId());
    UUID id =
        PendingEvent.deterministicId(
            EventType.PERSONAL_DATA_ERASED.typeName(),
            erased.tenant(),
            erased.subjectId(),
            Long.toString(number));
    return new PendingEvent(
        id,
        EventType.PERSONAL_DATA_ERASED,
        stream,
        erased,
        erased.tenant(),
        today,
        id.toString(),
        null);
  }

  private static PersonalDataErased read(CloudEvent event) {
    return EventCodec.read(event, PersonalDataErased.class);
  }
}
