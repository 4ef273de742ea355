package org.relance.notification.reminder.persistence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.Json;
import org.relance.contracts.events.Penalties;
import org.relance.notification.reminder.domain.Proof;
import org.relance.platform.sql.JsonColumns;

/**
 * The record of every message handed to the SMTP server, written in its own committed transaction
 * (never the consumer's), before the hand-off and again once the server accepted it: so a message
 * the server accepted is never sent twice, whatever fails after. See {@code V102__dispatches.sql}.
 */
@ApplicationScoped
public class Dispatches {

  private static final Logger LOG = Logger.getLogger(Dispatches.class);

  /** What is known of one message. */
  public record Dispatch(
      String messageId,
      UUID requestId,
      String tenant,
      String invoiceId,
      String channel,
      String recipient,
      List<CloudEvent> requests,
      Penalties penalties,
      Proof proof,
      String status,
      OffsetDateTime startedAt,
      OffsetDateTime acceptedAt,
      String resolvedBy,
      String resolution,
      OffsetDateTime personalDataErasedAt) {

    /** Whether the debtor's personal data was erased: recipient and content are gone. */
    public boolean erased() {
      return personalDataErasedAt != null;
    }
  }

  /**
   * The dispatches of a debtor ({@code d}; $1 tenant, $2 its invoice ids, $3 its id): by invoice,
   * or by the debtor of any request it answers.
   */
  static final String OF_DEBTOR =
      "d.tenant = $1 and (d.invoice_id = any($2) or exists (select 1 from"
          + " jsonb_array_elements(d.requests) e where e->'data'->'debtor'->>'id' = $3))";

  private final Pool pool;
  private final AtomicLong inDoubt = new AtomicLong();

  public Dispatches(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    registry.gauge("relance.notifications.in.doubt", inDoubt);
  }

  public Uni<Optional<Dispatch>> find(String messageId) {
    return pool.preparedQuery("select * from dispatches where message_id = $1")
        .execute(Tuple.of(messageId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(read(rows.iterator().next()))
                    : Optional.empty());
  }

  /**
   * Records, before the hand-off, that the message is being sent (or sent again after an operator
   * asked for it).
   *
   * @return false when another attempt already holds it (the caller must not send)
   */
  public Uni<Boolean> begin(
      String messageId,
      CloudEvent request,
      UUID requestId,
      String tenant,
      String invoiceId,
      String channel,
      String recipient,
      Penalties penalties,
      Proof proof) {
    ArrayNode requests = Json.mapper().createArrayNode().add(Json.parse(request.toJsonString()));
    return pool.preparedQuery(
            "insert into dispatches (message_id, request_id, tenant, invoice_id, channel, recipient,"
                + " requests, penalties, proof, status)"
                + " values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::text::jsonb, 'SENDING')"
                + " on conflict (message_id) do update set status = 'SENDING', started_at = now(),"
                + " proof = excluded.proof where dispatches.status = 'RESEND'")
        .execute(
            Tuple.from(
                java.util.Arrays.<Object>asList(
                    messageId,
                    requestId,
                    tenant,
                    invoiceId,
                    channel,
                    recipient,
                    Json.write(requests),
                    penalties == null ? null : Json.write(penalties),
                    Json.write(proof))))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * The server accepted the message: kept with its proof, retried for as long as the database is
   * unreachable (the acceptance lives in memory meanwhile), so that it is never sent again.
   */
  public Uni<Void> accepted(String messageId, Proof proof) {
    return pool.preparedQuery(
            "update dispatches set status = 'ACCEPTED', accepted_at = now(), proof = $2::text::jsonb"
                + " where message_id = $1")
        .execute(Tuple.of(messageId, Json.write(proof)))
        .onFailure()
        .invoke(
            e ->
                LOG.warnf(
                    "message %s was accepted by the SMTP server; recording it again: %s",
                    messageId, e.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .atMost(Long.MAX_VALUE)
        .replaceWithVoid();
  }

  /** The server did not take the message: nothing was sent, a later attempt may send it. */
  public Uni<Void> notSent(String messageId) {
    return pool.preparedQuery("delete from dispatches where message_id = $1 and status = 'SENDING'")
        .execute(Tuple.of(messageId))
        .replaceWithVoid();
  }

  /**
   * A later attempt found the message SENDING: the service died between the hand-off and its
   * record. The request joins the message's list; the dispatch waits for an operator.
   */
  public Uni<Void> inDoubt(String messageId, CloudEvent request) {
    return pool.preparedQuery(
            "update dispatches set status = 'IN_DOUBT',"
                + " requests = case when requests @> jsonb_build_array(jsonb_build_object('id', $2::text))"
                + "   then requests else requests || $3::text::jsonb end"
                + " where message_id = $1 and status in ('SENDING', 'IN_DOUBT')")
        .execute(
            Tuple.of(
                messageId,
                request.id(),
                Json.write(
                    Json.mapper().createArrayNode().add(Json.parse(request.toJsonString())))))
        .invoke(
            done ->
                LOG.errorf(
                    "dispatch %s is in doubt: the service stopped after handing it to the SMTP"
                        + " server and before recording it. Not resent; an operator resends it or"
                        + " marks it sent (GET /api/v1/notifications/in-doubt)",
                    messageId))
        .flatMap(done -> refreshInDoubt())
        .replaceWithVoid();
  }

  /**
   * A debtor's personal data was erased: its dispatches lose the recipient, the content of their
   * proof and the personal values their requests hold in the clear (a request published unsealed);
   * what proves a message left (ids, template, hash of the content, times) stays. A dispatch in
   * doubt stays in doubt: resent, its requests open without a recipient and fail.
   *
   * @param invoices the debtor's invoices
   * @return how many dispatches were about the debtor
   */
  public Uni<Integer> erase(SqlClient tx, String tenant, String debtorId, List<String> invoices) {
    return tx.preparedQuery(
            "select d.message_id, d.requests from dispatches d where " + OF_DEBTOR + " for update")
        .execute(Tuple.of(tenant, invoices.toArray(new String[0]), debtorId))
        .flatMap(
            rows -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              int count = 0;
              for (Row row : rows) {
                count++;
                String messageId = row.getString("message_id");
                ArrayNode requests = Json.mapper().createArrayNode();
                JsonColumns.read(row.getValue("requests"))
                    .forEach(e -> requests.add(ClearValues.stripped(e)));
                chain =
                    chain.call(
                        () ->
                            tx.preparedQuery(
                                    "update dispatches set recipient = null,"
                                        + " requests = $2::text::jsonb,"
                                        + " proof = proof || '{\"recipient\":null,\"content\":null}'::jsonb,"
                                        + " personal_data_erased_at = coalesce(personal_data_erased_at, now())"
                                        + " where message_id = $1")
                                .execute(Tuple.of(messageId, Json.write(requests))));
              }
              return chain.replaceWith(count);
            });
  }

  /** An operator's decision: send again, or mark sent. */
  public Uni<Boolean> resolve(String messageId, String status, String actor, String resolution) {
    return pool.preparedQuery(
            "update dispatches set status = $2, resolved_at = now(), resolved_by = $3, resolution = $4"
                + " where message_id = $1 and status = 'IN_DOUBT'")
        .execute(Tuple.of(messageId, status, actor, resolution))
        .map(rows -> rows.rowCount() == 1)
        .call(this::refreshInDoubt);
  }

  /** The dispatch in doubt whose first request is {@code requestId}, if there is one. */
  public Uni<Optional<Dispatch>> findInDoubt(String requestId) {
    return pool.preparedQuery(
            "select * from dispatches where status = 'IN_DOUBT' and request_id::text = $1")
        .execute(Tuple.of(requestId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(read(rows.iterator().next()))
                    : Optional.empty());
  }

  public Uni<List<Dispatch>> listInDoubt() {
    return pool.query("select * from dispatches where status = 'IN_DOUBT' order by started_at")
        .execute()
        .map(
            rows -> {
              List<Dispatch> list = new ArrayList<>();
              rows.forEach(r -> list.add(read(r)));
              inDoubt.set(list.size());
              return list;
            });
  }

  /**
   * Keeps {@code relance_notifications_in_doubt} true after a restart and between health checks.
   */
  @io.quarkus.scheduler.Scheduled(every = "30s", delayed = "5s")
  Uni<Void> refreshPeriodically() {
    return refreshInDoubt().onFailure().recoverWithItem(inDoubt.get()).replaceWithVoid();
  }

  public Uni<Long> refreshInDoubt() {
    return pool.query("select count(*) from dispatches where status = 'IN_DOUBT'")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .invoke(inDoubt::set);
  }

  public long inDoubtCount() {
    return inDoubt.get();
  }

  private static Dispatch read(Row r) {
    List<CloudEvent> requests = new ArrayList<>();
    JsonColumns.read(r.getValue("requests"))
        .forEach(e -> requests.add(CloudEvent.parse(Json.write(e))));
    Object penalties = r.getValue("penalties");
    return new Dispatch(
        r.getString("message_id"),
        r.getUUID("request_id"),
        r.getString("tenant"),
        r.getString("invoice_id"),
        r.getString("channel"),
        r.getString("recipient"),
        requests,
        penalties == null ? null : Json.convert(JsonColumns.read(penalties), Penalties.class),
        Json.convert(JsonColumns.read(r.getValue("proof")), Proof.class),
        r.getString("status"),
        r.getOffsetDateTime("started_at"),
        r.getOffsetDateTime("accepted_at"),
        r.getString("resolved_by"),
        r.getString("resolution"),
        r.getOffsetDateTime("personal_data_erased_at"));
  }
}
