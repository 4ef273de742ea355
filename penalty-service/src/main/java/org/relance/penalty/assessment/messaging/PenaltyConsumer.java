package org.relance.penalty.assessment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.Assessment;
import org.relance.penalty.assessment.domain.Claim;
import org.relance.penalty.assessment.domain.PenaltyEngine;
import org.relance.penalty.assessment.domain.Trigger;
import org.relance.penalty.assessment.persistence.PenaltyCodec;
import org.relance.penalty.rates.domain.RateUnknown;
import org.relance.penalty.rates.persistence.Rates;
import org.relance.platform.consumer.ConsumedRecord;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.sql.JsonColumns;

/**
 * Assesses penalties when an invoice becomes late, on each late payment, when a formal notice is
 * requested (as of the notice's own date, so the letter quotes current figures) and on escalation.
 * Triggers that arrive before the invoice itself (topics are not ordered) wait in the case row, and
 * so do those whose rate is not known yet: the engine never guesses a rate.
 */
@ApplicationScoped
public class PenaltyConsumer implements org.relance.platform.consumer.RecordConsumer {

  private static final Logger LOG = Logger.getLogger(PenaltyConsumer.class);

  private final IdempotentConsumer consumer;
  private final EventStore store;
  private final MeterRegistry registry;
  private final Rates rates;
  private final io.vertx.mutiny.sqlclient.Pool pool;
  private final Allocation allocation;

  public PenaltyConsumer(
      IdempotentConsumer consumer,
      EventStore store,
      MeterRegistry registry,
      Rates rates,
      io.vertx.mutiny.sqlclient.Pool pool,
      @org.eclipse.microprofile.config.inject.ConfigProperty(
              name = "relance.penalty.allocation",
              defaultValue = "PRINCIPAL_FIRST")
          Allocation allocation) {
    this.consumer = consumer;
    this.store = store;
    this.registry = registry;
    this.rates = rates;
    this.pool = pool;
    this.allocation = allocation;
  }

  @Incoming("events")
  @Override
  public Uni<Void> consume(ConsumerRecord<String, String> record) {
    return consumer.apply(
        record,
        (tx, event, where) ->
            event.eventType() == EventType.RATE_RECORDED
                ? rateRecorded(event)
                : apply(tx, event, where));
  }

  /**
   * A rate recorded by any instance (this one included) reaches every instance through the topic:
   * each reloads its rate book from the store and re-runs what waited for it.
   */
  private Uni<Void> rateRecorded(CloudEvent event) {
    return rates
        .reload()
        .flatMap(book -> redrivePending())
        .onFailure()
        .invoke(
            e ->
                LOG.warnf(
                    "re-running waiting assessments after %s failed: %s",
                    event.id(), e.getMessage()))
        .onFailure()
        .recoverWithItem(0)
        .replaceWithVoid();
  }

  private Uni<Void> apply(SqlConnection tx, CloudEvent event, ConsumedRecord record) {
    UUID invoiceId = UUID.fromString(event.subject());
    JsonNode d = event.data();
    return lockCase(tx, invoiceId)
        .flatMap(
            locked ->
                tx.preparedQuery(
                        "select tenant, invoice, payments, pending from penalty_cases where invoice_id = $1")
                    .execute(Tuple.of(invoiceId)))
        .flatMap(
            rows -> {
              Row row = rows.size() == 0 ? null : rows.iterator().next();
              String tenant = row == null ? null : row.getString("tenant");
              JsonNode invoice = row == null ? null : JsonColumns.read(row.getValue("invoice"));
              ArrayNode payments =
                  row == null
                      ? Json.mapper().createArrayNode()
                      : (ArrayNode) JsonColumns.read(row.getValue("payments"));
              ArrayNode pending =
                  row == null
                      ? Json.mapper().createArrayNode()
                      : (ArrayNode) JsonColumns.read(row.getValue("pending"));
              switch (event.eventType()) {
                case INVOICE_ISSUED:
                  invoice = d;
                  tenant = event.tenant();
                  break;
                case EARLY_PAYMENT_DISCOUNT_GRANTED:
                  // the discount settles part of the principal on the day it is granted, like a
                  // payment
                  payments
                      .addObject()
                      .put("paidOn", d.get("grantedOn").asText())
                      .put("amount", d.get("discount").asText())
                      .put("kind", "EARLY_PAYMENT_DISCOUNT")
                      .put("ratePercent", d.get("ratePercent").asText());
                  return save(tx, invoiceId, tenant, invoice, payments, pending);
                case PAYMENT_RECEIVED:
                  payments
                      .addObject()
                      .put("paymentId", d.get("paymentId").asText())
                      .put("paidOn", d.get("paidOn").asText())
                      .put("amount", d.get("amount").asText());
                  pending.add(trigger(Trigger.PAYMENT, d.get("paidOn").asText(), event));
                  break;
                case DUE_DATE_PASSED:
                  {
                    LocalDate firstLate = LocalDate.parse(d.get("firstLateDay").asText());
                    LocalDate processed = LocalDate.parse(event.businessdate());
                    pending.add(
                        trigger(
                            Trigger.DUE_DATE_PASSED,
                            (processed.isAfter(firstLate) ? processed : firstLate).toString(),
                            event));
                    break;
                  }
                case CASE_ESCALATED:
                  pending.add(trigger(Trigger.ESCALATION, d.get("escalatedOn").asText(), event));
                  break;
                case REMINDER_REQUESTED:
                  if (!"FORMAL_NOTICE".equals(d.path("tone").asText())) {
                    return Uni.createFrom().voidItem();
                  }
                  pending.add(
                      trigger(Trigger.FORMAL_NOTICE, event.businessdate(), event)
                          .put("requestId", d.get("requestId").asText()));
                  break;
                default:
                  return Uni.createFrom().voidItem();
              }
              String tenantNow = tenant;
              JsonNode invoiceNow = invoice;
              return history(tx, invoiceId)
                  .flatMap(
                      waived ->
                          decide(
                              tx,
                              event,
                              invoiceId,
                              tenantNow,
                              invoiceNow,
                              payments,
                              pending,
                              waived));
            });
  }

  /** What PenaltyWaived events of this invoice (this service's own) have waived so far. */
  /**
   * Runs again the assessments waiting in {@code penalty_cases.pending} (for a rate, say) — called
   * once a rate is recorded, so a parked formal notice gets its figures without another event.
   */
  public Uni<Integer> redrivePending() {
    return pool.withConnection(
            c ->
                c.query(
                        "select invoice_id from penalty_cases where invoice is not null"
                            + " and jsonb_array_length(pending) > 0 order by invoice_id")
                    .execute())
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID("invoice_id")));
              return ids;
            })
        .onItem()
        .transformToMulti(ids -> io.smallrye.mutiny.Multi.createFrom().iterable(ids))
        .onItem()
        .transformToUniAndConcatenate(
            id ->
                pool.withTransaction(
                    tx ->
                        lockCase(tx, id)
                            .flatMap(
                                locked ->
                                    tx.preparedQuery(
                                            "select tenant, invoice, payments, pending from penalty_cases"
                                                + " where invoice_id = $1")
                                        .execute(Tuple.of(id)))
                            .flatMap(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  return history(tx, id)
                                      .flatMap(
                                          h ->
                                              decide(
                                                  tx,
                                                  null,
                                                  id,
                                                  row.getString("tenant"),
                                                  JsonColumns.read(row.getValue("invoice")),
                                                  (ArrayNode)
                                                      JsonColumns.read(row.getValue("payments")),
                                                  (ArrayNode)
                                                      JsonColumns.read(row.getValue("pending")),
                                                  h));
                                })))
        .collect()
        .asList()
        .map(List::size);
  }

  /**
   * One invoice's case is changed by one transaction at a time (the consumer, a re-run after a rate
   * was recorded): an advisory lock, which takes no transaction id, so events stay the first write.
   */
  private Uni<Void> lockCase(SqlConnection tx, UUID invoiceId) {
    return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of("penalty-case:" + invoiceId))
        .replaceWithVoid();
  }

  /**
   * What this service already said about the invoice: the penalties waived, and whether any were
   * assessed.
   */
  private record History(java.math.BigDecimal waived, boolean assessed) {}

  private Uni<History> history(SqlConnection tx, UUID invoiceId) {
    return tx.preparedQuery(
            "select exists (select 1 from event_store where stream_id = $1 and type = $2) as assessed")
        .execute(Tuple.of(invoiceId.toString(), EventType.PENALTY_ASSESSED.typeName()))
        .flatMap(
            found ->
                waived(tx, invoiceId)
                    .map(w -> new History(w, found.iterator().next().getBoolean("assessed"))));
  }

  private Uni<java.math.BigDecimal> waived(SqlConnection tx, UUID invoiceId) {
    return tx.preparedQuery("select envelope from event_store where stream_id = $1 and type = $2")
        .execute(Tuple.of(invoiceId.toString(), EventType.PENALTY_WAIVED.typeName()))
        .map(
            rows -> {
              java.math.BigDecimal total = java.math.BigDecimal.ZERO;
              for (Row r : rows) {
                total =
                    total.add(
                        PenaltyCodec.waivedAmount(
                            CloudEvent.parse(r.getString("envelope")).data()));
              }
              return total;
            });
  }

  private Uni<Void> decide(
      SqlConnection tx,
      CloudEvent event,
      UUID invoiceId,
      String tenant,
      JsonNode invoice,
      ArrayNode payments,
      ArrayNode pending,
      History history) {
    java.math.BigDecimal waivedSoFar = history.waived();
    List<PendingEvent> assessed = new ArrayList<>();
    ArrayNode waiting = Json.mapper().createArrayNode();
    if (invoice == null) {
      waiting = pending;
    } else {
      LocalDate dueDate = LocalDate.parse(invoice.get("dueDate").asText());
      for (JsonNode t : pending) {
        Trigger trigger = Trigger.valueOf(t.get("trigger").asText());
        LocalDate asOf = LocalDate.parse(t.get("asOf").asText());
        if (trigger == Trigger.PAYMENT && !asOf.isAfter(dueDate) && !history.assessed()) {
          continue; // paid on time and never assessed: nothing to say
        }
        String requestId = t.hasNonNull("requestId") ? t.get("requestId").asText() : null;
        try {
          Claim claim = PenaltyCodec.claim(invoice, payments, asOf, allocation);
          Assessment a = PenaltyEngine.assess(claim, rates.current());
          String key =
              "PenaltyAssessed|"
                  + invoiceId
                  + "|"
                  + trigger
                  + "|"
                  + asOf
                  + "|"
                  + t.get("causationId").asText();
          assessed.add(
              new PendingEvent(
                  UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                  EventType.PENALTY_ASSESSED,
                  invoiceId.toString(),
                  PenaltyCodec.applyWaivers(
                      PenaltyCodec.toData(invoice, trigger, requestId, claim, a, payments),
                      waivedSoFar),
                  tenant,
                  LocalDate.parse(t.get("businessDate").asText()),
                  invoiceId.toString(),
                  t.get("causationId").asText()));
        } catch (RateUnknown | IllegalArgumentException e) {
          // never a guess: the assessment waits, visible in penalty_cases.pending and the metric
          LOG.warnf("penalties of invoice %s as of %s wait: %s", invoiceId, asOf, e.getMessage());
          registry.counter("relance.penalty.assessments.waiting").increment();
          waiting.add(((ObjectNode) t).put("waitingFor", e.getMessage()));
        }
      }
    }
    String tenantFinal = tenant;
    JsonNode invoiceFinal = invoice;
    ArrayNode waitingFinal = waiting;
    UUID[] ids = assessed.stream().map(PendingEvent::id).toArray(UUID[]::new);
    // A replay re-makes the same assessments (their ids derive from the invoice, trigger,
    // date and causing event): keep only those not stored yet.
    return tx.preparedQuery("select event_id from event_store where event_id = any($1)")
        .execute(Tuple.of(ids))
        .map(
            found -> {
              java.util.Set<UUID> stored = new java.util.HashSet<>();
              found.forEach(r -> stored.add(r.getUUID("event_id")));
              return assessed.stream().filter(p -> !stored.contains(p.id())).toList();
            })
        .flatMap(fresh -> store.append(tx, invoiceId.toString(), EventStore.ANY_VERSION, fresh))
        .invoke(appended -> registry.counter("relance.penalty.assessed").increment(appended.size()))
        .flatMap(
            appended ->
                tx.preparedQuery(
                        "insert into penalty_cases (invoice_id, tenant, invoice, payments, pending)"
                            + " values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5::text::jsonb) on conflict (invoice_id) do update set"
                            + " tenant = excluded.tenant, invoice = excluded.invoice, payments = excluded.payments,"
                            + " pending = excluded.pending, updated_at = now()")
                    .execute(
                        Tuple.of(
                            invoiceId,
                            tenantFinal,
                            invoiceFinal == null ? null : Json.write(invoiceFinal),
                            Json.write(payments),
                            Json.write(waitingFinal))))
        .replaceWithVoid();
  }

  private Uni<Void> save(
      SqlConnection tx,
      UUID invoiceId,
      String tenant,
      JsonNode invoice,
      ArrayNode payments,
      ArrayNode pending) {
    return tx.preparedQuery(
            "insert into penalty_cases (invoice_id, tenant, invoice, payments, pending)"
                + " values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5::text::jsonb) on conflict (invoice_id) do update set"
                + " tenant = coalesce(excluded.tenant, penalty_cases.tenant), invoice = coalesce(excluded.invoice, penalty_cases.invoice),"
                + " payments = excluded.payments, pending = excluded.pending, updated_at = now()")
        .execute(
            Tuple.of(
                invoiceId,
                tenant,
                invoice == null ? null : Json.write(invoice),
                Json.write(payments),
                Json.write(pending)))
        .replaceWithVoid();
  }

  private static ObjectNode trigger(Trigger trigger, String asOf, CloudEvent cause) {
    return Json.object()
        .put("trigger", trigger.name())
        .put("asOf", asOf)
        .put("businessDate", cause.businessdate())
        .put("causationId", cause.id());
  }
}
