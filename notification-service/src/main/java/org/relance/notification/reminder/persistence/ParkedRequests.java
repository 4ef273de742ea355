package org.relance.notification.reminder.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.ReminderRequested;

/**
 * Requests that may not be sent yet, as received (their personal values sealed): a formal notice
 * waiting for its penalties ({@code not_before} null), or any request waiting for its send window
 * to open ({@code not_before} its next opening).
 *
 * <p>None of these writes appends an event: in a transaction that also records an outcome, call
 * them after the append (the event store's first-write rule).
 */
@ApplicationScoped
public class ParkedRequests {

  /**
   * Both the request and its assessment, or a request and a sweep, may be handled at once by two
   * instances. An advisory lock (which takes no transaction id, so events stay the first write)
   * puts them in order.
   */
  public Uni<Void> lock(SqlClient tx, String requestId) {
    return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of("notice:" + requestId))
        .replaceWithVoid();
  }

  /** Parks a formal notice until its penalties arrive. */
  public Uni<Void> parkForPenalties(SqlClient tx, CloudEvent request) {
    return tx.preparedQuery(
            "insert into parked_requests (request_id, envelope) values ($1, $2) on conflict do nothing")
        .execute(Tuple.of(requestId(request), request.toJsonString()))
        .replaceWithVoid();
  }

  /** Parks a request (or moves a parked one) until its send window opens. */
  public Uni<Void> parkUntil(SqlClient tx, CloudEvent request, Instant notBefore) {
    return tx.preparedQuery(
            "insert into parked_requests (request_id, envelope, not_before) values ($1, $2, $3)"
                + " on conflict (request_id) do update set not_before = excluded.not_before")
        .execute(
            Tuple.of(
                requestId(request),
                request.toJsonString(),
                OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /** The formal notice parked for its penalties under this request id, if any. */
  public Uni<Optional<CloudEvent>> waitingForPenalties(SqlClient tx, UUID requestId) {
    return tx.preparedQuery(
            "select envelope from parked_requests where request_id = $1 and not_before is null")
        .execute(Tuple.of(requestId))
        .map(rows -> envelope(rows.iterator()));
  }

  /** The request parked for its send window under this id, if it is due. */
  public Uni<Optional<CloudEvent>> dueForWindow(SqlClient tx, UUID requestId) {
    return tx.preparedQuery(
            "select envelope from parked_requests where request_id = $1 and not_before <= now()")
        .execute(Tuple.of(requestId))
        .map(rows -> envelope(rows.iterator()));
  }

  public Uni<Void> delete(SqlClient tx, UUID requestId) {
    return tx.preparedQuery("delete from parked_requests where request_id = $1")
        .execute(Tuple.of(requestId))
        .replaceWithVoid();
  }

  /**
   * A debtor's personal data was erased: its parked requests lose the personal values they hold in
   * the clear (a request published unsealed). They stay parked: once due, they open without a
   * recipient and are recorded as failed, as a request without an address is.
   *
   * @param invoices the debtor's invoices (a request's subject)
   * @return how many parked requests were about the debtor
   */
  public Uni<Integer> erase(SqlClient tx, String tenant, String debtorId, List<String> invoices) {
    return tx.preparedQuery(
            "select request_id, envelope from parked_requests"
                + " where envelope::jsonb->>'tenant' = $1"
                + " and (envelope::jsonb->>'subject' = any($2)"
                + " or envelope::jsonb->'data'->'debtor'->>'id' = $3)"
                + " for update")
        .execute(Tuple.of(tenant, invoices.toArray(new String[0]), debtorId))
        .flatMap(
            rows -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              int count = 0;
              for (Row row : rows) {
                count++;
                String envelope = row.getString("envelope");
                String stripped = ClearValues.stripped(envelope);
                if (!stripped.equals(envelope)) {
                  UUID id = row.getUUID("request_id");
                  chain =
                      chain.call(
                          () ->
                              tx.preparedQuery(
                                      "update parked_requests set envelope = $2 where request_id = $1")
                                  .execute(Tuple.of(id, stripped)));
                }
              }
              return chain.replaceWith(count);
            });
  }

  /** Formal notices that have waited for their penalties longer than {@code maxWait}. */
  public Uni<List<UUID>> overdueNotices(SqlClient client, Duration maxWait, int limit) {
    return ids(
        client,
        "select request_id from parked_requests where not_before is null"
            // a text parameter: the client does not turn a String into an interval
            + " and parked_at < now() - $1::text::interval order by parked_at limit $2",
        Tuple.of(maxWait.toSeconds() + " seconds", limit));
  }

  /** Requests whose send window has opened. */
  public Uni<List<UUID>> windowOpened(SqlClient client, int limit) {
    return ids(
        client,
        "select request_id from parked_requests where not_before <= now()"
            + " order by not_before limit $1",
        Tuple.of(limit));
  }

  private static Uni<List<UUID>> ids(SqlClient client, String sql, Tuple args) {
    return client
        .preparedQuery(sql)
        .execute(args)
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getUUID("request_id"));
              }
              return ids;
            });
  }

  private static Optional<CloudEvent> envelope(java.util.Iterator<Row> rows) {
    return rows.hasNext()
        ? Optional.of(CloudEvent.parse(rows.next().getString("envelope")))
        : Optional.empty();
  }

  private static UUID requestId(CloudEvent request) {
    return EventCodec.read(request, ReminderRequested.class).requestId();
  }
}
