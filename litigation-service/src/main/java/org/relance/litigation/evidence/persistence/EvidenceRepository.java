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

  /**
   * The invoices of a debtor: those whose {@code InvoiceIssued} names it ({@code /debtor/id} stays
   * in the clear when the contact data is sealed).
   */
  public Uni<List<String>> invoicesOf(SqlClient c, String tenant, String debtorId) {
    return c.preparedQuery(
            "select distinct subject from evidence_events where tenant = $1"
                + " and type = 'InvoiceIssued' and envelope::jsonb->'data'->'debtor'->>'id' = $2"
                + " order by subject")
        .execute(Tuple.of(tenant, debtorId))
        .map(
            rows -> {
              List<String> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getString("subject")));
              return ids;
            });
  }

  /**
   * The recorded events that may hold a data subject's personal values, as published: every event
   * of its invoices, and any event sealed under its key.
   */
  public Uni<List<CloudEvent>> eventsAbout(
      SqlClient c, String tenant, String subjectId, List<String> invoices) {
    return c.preparedQuery(
            "select envelope from evidence_events where tenant = $1"
                + " and (subject = any($2)"
                + " or envelope::jsonb->'data'->'personal'->>'subject' = $3)"
                + " order by business_date, event_time, source, sequence")
        .execute(Tuple.of(tenant, invoices.toArray(new String[0]), subjectId))
        .map(EvidenceRepository::parsed);
  }

  /** Every recorded event of one type about a subject (a stream key), as published. */
  public Uni<List<CloudEvent>> eventsOfType(
      SqlClient c, String tenant, String type, String subject) {
    return c.preparedQuery(
            "select envelope from evidence_events where tenant = $1 and type = $2"
                + " and subject = $3 order by business_date, event_time, source, sequence")
        .execute(Tuple.of(tenant, type, subject))
        .map(EvidenceRepository::parsed);
  }

  private static List<CloudEvent> parsed(
      io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
    List<CloudEvent> events = new ArrayList<>();
    rows.forEach(r -> events.add(CloudEvent.parse(r.getString("envelope"))));
    return events;
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
