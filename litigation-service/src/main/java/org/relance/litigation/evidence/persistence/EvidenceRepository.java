package org.relance.litigation.evidence.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.platform.consumer.ConsumedRecord;

/** The evidence ledger ({@code evidence_events}): append-only, each record value as published. */
@ApplicationScoped
public class EvidenceRepository {

  /**
   * Keeps the event with the record value it came in and where it was read.
   *
   * @return false when the event was already kept
   */
  public Uni<Boolean> record(SqlClient tx, CloudEvent e, ConsumedRecord where) {
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
        .map(rows -> rows.rowCount() == 1);
  }

  /** Every recorded event about the subject, for the tenant, as published. */
  public Uni<List<CloudEvent>> events(SqlClient c, String tenant, String subject) {
    return c.preparedQuery(
            "select envelope from evidence_events where subject = $1 and tenant = $2"
                + " order by business_date, event_time, source, sequence")
        .execute(Tuple.of(subject, tenant))
        .map(
            rows -> {
              List<CloudEvent> events = new ArrayList<>();
              rows.forEach(r -> events.add(CloudEvent.parse(r.getString("envelope"))));
              return events;
            });
  }
}
