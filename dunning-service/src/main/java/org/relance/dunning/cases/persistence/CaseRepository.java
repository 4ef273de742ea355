package org.relance.dunning.cases.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.Json;
import org.relance.dunning.credit.domain.DebtorExposure;
import org.relance.platform.sql.JsonColumns;

/** The {@code dunning_cases} read model and dunning's clock. */
@ApplicationScoped
public class CaseRepository {

  /** A row of dunning_cases. */
  public record CaseRow(
      UUID invoiceId,
      String tenant,
      JsonNode invoice,
      BigDecimal paidDownTo,
      JsonNode penalty,
      JsonNode deliveries,
      String status,
      LocalDate lastDecidedDay,
      JsonNode disputes,
      String currentStep,
      String holdKind) {}

  public Uni<Optional<CaseRow>> find(SqlClient c, UUID invoiceId) {
    return c.preparedQuery("select * from dunning_cases where invoice_id = $1")
        .execute(Tuple.of(invoiceId))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  public Uni<Void> invoiceIssued(
      SqlClient c, UUID invoiceId, String tenant, JsonNode invoice, LocalDate issuedOn) {
    return c.preparedQuery(
            "insert into dunning_cases (invoice_id, tenant, invoice, issued_on) values ($1, $2, $3::text::jsonb, $4)"
                + " on conflict (invoice_id) do update set tenant = excluded.tenant, invoice = excluded.invoice,"
                + " issued_on = excluded.issued_on, next_decision_on = null, updated_at = now()")
        .execute(Tuple.of(invoiceId, tenant, Json.write(invoice), issuedOn))
        .replaceWithVoid();
  }

  /**
   * Payments of one invoice arrive in order (one partition): the last one's balance is current. At
   * zero the case is PAID at once (the plan stops) and marked {@code closing}: the day runner
   * decides it once more, to record a promise kept.
   */
  public Uni<Void> paid(
      SqlClient c, UUID invoiceId, BigDecimal outstandingAfter, LocalDate paidOn) {
    return c.preparedQuery(
            "insert into dunning_cases (invoice_id, paid_down_to, paid_on) values ($1, $2, $3)"
                + " on conflict (invoice_id) do update set paid_down_to = least(coalesce(dunning_cases.paid_down_to,"
                + " excluded.paid_down_to), excluded.paid_down_to),"
                + " paid_on = case when excluded.paid_down_to = 0 then excluded.paid_on else dunning_cases.paid_on end,"
                + " status = case when excluded.paid_down_to = 0 and dunning_cases.status = 'ACTIVE' then 'PAID'"
                + "   else dunning_cases.status end,"
                + " closing = dunning_cases.closing or (excluded.paid_down_to = 0 and dunning_cases.status = 'ACTIVE'),"
                + " next_decision_on = null, updated_at = now()")
        .execute(
            Tuple.of(invoiceId, outstandingAfter, outstandingAfter.signum() == 0 ? paidOn : null))
        .replaceWithVoid();
  }

  /** invoice-service's disputes, merged by id (opened, then resolved, in stream order). */
  public Uni<Void> disputeOpened(
      SqlClient c, UUID invoiceId, UUID disputeId, String category, LocalDate openedOn) {
    return dispute(
        c,
        invoiceId,
        Json.object()
            .put("disputeId", disputeId.toString())
            .put("category", category)
            .put("openedOn", openedOn.toString()));
  }

  public Uni<Void> disputeResolved(
      SqlClient c, UUID invoiceId, UUID disputeId, LocalDate resolvedOn, String outcome) {
    return dispute(
        c,
        invoiceId,
        Json.object()
            .put("disputeId", disputeId.toString())
            .put("resolvedOn", resolvedOn.toString())
            .put("outcome", outcome));
  }

  private Uni<Void> dispute(SqlClient c, UUID invoiceId, ObjectNode dispute) {
    return c.preparedQuery(
            "insert into dunning_cases (invoice_id, disputes) values ($1, jsonb_build_array($2::text::jsonb))"
                + " on conflict (invoice_id) do update set disputes ="
                + " (select coalesce(jsonb_agg(d), '[]'::jsonb) from jsonb_array_elements(dunning_cases.disputes) d"
                + "   where d->>'disputeId' <> ($2::text::jsonb)->>'disputeId')"
                + " || jsonb_build_array(coalesce((select d from jsonb_array_elements(dunning_cases.disputes) d"
                + "   where d->>'disputeId' = ($2::text::jsonb)->>'disputeId'), '{}'::jsonb) || $2::text::jsonb),"
                + " next_decision_on = null, updated_at = now()")
        .execute(Tuple.of(invoiceId, Json.write(dispute)))
        .replaceWithVoid();
  }

  /** penalty-service's latest assessment of an invoice, as the case's facts keep it. */
  public record Penalty(
      LocalDate asOf,
      BigDecimal interest,
      BigDecimal indemnity,
      BigDecimal total,
      String eventId) {}

  public Uni<Void> penalty(SqlClient c, UUID invoiceId, Penalty assessed) {
    ObjectNode penalty =
        Json.object()
            .put("asOf", assessed.asOf().toString())
            .put("interest", assessed.interest().toPlainString())
            .put("indemnity", assessed.indemnity().toPlainString())
            .put("total", assessed.total().toPlainString())
            .put("eventId", assessed.eventId());
    return c.preparedQuery(
            "insert into dunning_cases (invoice_id, penalty) values ($1, $2::text::jsonb)"
                + " on conflict (invoice_id) do update set penalty = case when dunning_cases.penalty is null"
                + " or (dunning_cases.penalty->>'asOf') <= (excluded.penalty->>'asOf') then excluded.penalty"
                + " else dunning_cases.penalty end, next_decision_on = null, updated_at = now()")
        .execute(Tuple.of(invoiceId, Json.write(penalty)))
        .replaceWithVoid();
  }

  /**
   * notification-service's proof of a reminder: sent (with its message id) or failed (with its
   * reason); null parts are left out.
   */
  public record Proof(
      String type, String eventId, String at, String messageId, String reason, String channel) {}

  public Uni<Void> delivery(SqlClient c, UUID invoiceId, String requestId, Proof delivered) {
    ObjectNode proof =
        Json.object()
            .put("type", delivered.type())
            .put("eventId", delivered.eventId())
            .put("at", delivered.at());
    if (delivered.messageId() != null) {
      proof.put("messageId", delivered.messageId());
    }
    if (delivered.reason() != null) {
      proof.put("reason", delivered.reason());
    }
    if (delivered.channel() != null) {
      proof.put("channel", delivered.channel());
    }
    return c.preparedQuery(
            "insert into dunning_cases (invoice_id, deliveries) values ($1, jsonb_build_object($2::text, $3::text::jsonb))"
                + " on conflict (invoice_id) do update set deliveries = dunning_cases.deliveries || jsonb_build_object($2::text, $3::text::jsonb),"
                + " next_decision_on = null, updated_at = now()")
        .execute(Tuple.of(invoiceId, requestId, Json.write(proof)))
        .replaceWithVoid();
  }

  /**
   * Forgets every clear personal value of an erased data subject (the debtor) in its cases: the
   * debtor's email, phone, postal address and contacts in the invoice as issued (whose {@code
   * personal} block then says {@code "disclosure": "erased"}, as an erased subject's event read
   * back does), and the failure reasons of its deliveries (an SMTP reply quotes the address), which
   * read {@link DunningCodec#ERASED}. The debtor's cases are found by its id and by the invoices
   * the erasure names (a case whose invoice has not arrived yet has only deliveries). Done again,
   * it changes nothing.
   *
   * @return how many cases were purged
   */
  public Uni<Integer> erasePersonalData(
      SqlClient c, String tenant, String debtorId, List<UUID> invoices) {
    return c.preparedQuery(
            "update dunning_cases set"
                + " invoice = case when invoice is null or jsonb_typeof(invoice->'debtor') <> 'object'"
                + "   then invoice"
                + "   else jsonb_set(invoice, '{debtor}',"
                + "     (invoice->'debtor') - 'email' - 'phone' - 'address' - 'contacts')"
                + "     || jsonb_build_object('personal', (case when jsonb_typeof(invoice->'personal') = 'object'"
                + "       then invoice->'personal' else '{}'::jsonb end) - 'ciphertext'"
                + "       || jsonb_build_object('subject', $2::text, 'disclosure', 'erased')) end,"
                + " deliveries = (select coalesce(jsonb_object_agg(k, case when v ? 'reason'"
                + "   then jsonb_set(v, '{reason}', to_jsonb($4::text)) else v end), '{}'::jsonb)"
                + "   from jsonb_each(coalesce(deliveries, '{}'::jsonb)) as e(k, v)),"
                + " updated_at = now()"
                + " where (tenant = $1 and invoice->'debtor'->>'id' = $2) or invoice_id = any($3::uuid[])")
        .execute(Tuple.of(tenant, debtorId, invoices.toArray(UUID[]::new), DunningCodec.ERASED))
        .map(rows -> rows.rowCount());
  }

  public Uni<Void> decided(SqlClient c, UUID invoiceId, LocalDate day, String status) {
    return decided(c, invoiceId, day, status, null);
  }

  /**
   * @param next the next day the case can have anything to decide; null: the next day
   */
  public Uni<Void> decided(
      SqlClient c, UUID invoiceId, LocalDate day, String status, LocalDate next) {
    return c.preparedQuery(
            "update dunning_cases set last_decided_day = $2, status = coalesce($3, status), closing = false,"
                + " next_decision_on = $4, updated_at = now() where invoice_id = $1")
        .execute(Tuple.of(invoiceId, day, status, next))
        .replaceWithVoid();
  }

  /** Where the case stands, for the explain view and the invoices-per-step gauge. */
  public Uni<Void> position(SqlClient c, UUID invoiceId, String currentStep, String holdKind) {
    return c.preparedQuery(
            "update dunning_cases set current_step = coalesce($2, current_step), hold_kind = $3,"
                + " next_decision_on = null where invoice_id = $1")
        .execute(Tuple.of(invoiceId, currentStep, holdKind))
        .replaceWithVoid();
  }

  /**
   * Invoices of the debtor settled after their due date in the twelve months before {@code day}:
   * the payment history segment rules read.
   */
  public Uni<Integer> latePayments(SqlClient c, String tenant, String debtorId, LocalDate day) {
    return c.preparedQuery(
            "select count(*) from dunning_cases where tenant = $1 and invoice->'debtor'->>'id' = $2"
                + " and paid_on is not null and paid_on > (invoice->>'dueDate')::date"
                + " and paid_on > $3::date - 365 and paid_on <= $3")
        .execute(Tuple.of(tenant, debtorId, day))
        .map(rows -> (int) rows.iterator().next().getLong(0).longValue());
  }

  public Uni<List<DebtorExposure>> exposures(SqlClient c, String tenant, LocalDate day) {
    return c.preparedQuery(
            "select invoice->'debtor'->>'id' as debtor_id, min(invoice->'debtor'->>'name') as debtor_name,"
                + " invoice->>'currency' as currency,"
                + " sum(case when (invoice->>'dueDate')::date < $2 then coalesce(paid_down_to, (invoice->>'amount')::numeric) else 0 end) as overdue,"
                + " max(case when (invoice->>'dueDate')::date < $2 and coalesce(paid_down_to, 1) > 0"
                + "   then $2 - (invoice->>'dueDate')::date else 0 end) as oldest,"
                + " count(*) filter (where status = 'ESCALATED' and coalesce(paid_down_to, 1) > 0) as escalated"
                + " from dunning_cases where tenant = $1 and invoice is not null"
                + " and (status in ('ACTIVE', 'ESCALATED') or paid_on >= $2::date - 400)"
                + " group by 1, 3 order by 1, 3")
        .execute(Tuple.of(tenant, day))
        .map(
            rows -> {
              java.util.Map<String, DebtorExposure> byDebtor = new java.util.LinkedHashMap<>();
              rows.forEach(
                  r -> {
                    String id = r.getString("debtor_id");
                    DebtorExposure e =
                        byDebtor.getOrDefault(
                            id,
                            new DebtorExposure(
                                id, r.getString("debtor_name"), new java.util.TreeMap<>(), 0, 0));
                    java.util.Map<String, BigDecimal> overdue =
                        new java.util.TreeMap<>(e.overdue());
                    BigDecimal amount = r.getBigDecimal("overdue");
                    if (amount.signum() > 0) {
                      overdue.put(r.getString("currency"), amount);
                    }
                    byDebtor.put(
                        id,
                        new DebtorExposure(
                            id,
                            e.debtorName(),
                            overdue,
                            Math.max(e.oldestDaysLate(), r.getInteger("oldest")),
                            e.escalated() + (int) r.getLong("escalated").longValue()));
                  });
              return new ArrayList<>(byDebtor.values());
            });
  }

  /** Debtors on credit hold now. */
  public Uni<java.util.Set<String>> heldDebtors(SqlClient c, String tenant) {
    return c.preparedQuery("select debtor_id from credit_holds where tenant = $1 and held")
        .execute(Tuple.of(tenant))
        .map(
            rows -> {
              java.util.Set<String> held = new java.util.HashSet<>();
              rows.forEach(r -> held.add(r.getString(0)));
              return held;
            });
  }

  public Uni<Void> creditHold(
      SqlClient c,
      String tenant,
      String debtorId,
      boolean held,
      LocalDate since,
      List<String> reasons) {
    return c.preparedQuery(
            "insert into credit_holds (tenant, debtor_id, held, since, reasons) values ($1, $2, $3, $4, $5::text::jsonb)"
                + " on conflict (tenant, debtor_id) do update set held = excluded.held, since = excluded.since,"
                + " reasons = excluded.reasons")
        .execute(Tuple.of(tenant, debtorId, held, since, Json.write(reasons)))
        .replaceWithVoid();
  }

  /** Cases of the tenant still to decide for {@code day}. */
  public Uni<List<UUID>> toDecide(SqlClient c, String tenant, LocalDate day) {
    return c.preparedQuery(
            "select invoice_id from dunning_cases where tenant = $1 and (status = 'ACTIVE' or closing)"
                + " and (next_decision_on is null or next_decision_on <= $2 or closing)"
                + " and invoice is not null and issued_on <= $2"
                + " and (last_decided_day is null or last_decided_day < $2) order by invoice_id")
        .execute(Tuple.of(tenant, day))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID("invoice_id")));
              return ids;
            });
  }

  public Uni<Void> tickReceived(
      SqlClient c, String tenant, LocalDate day, UUID tickId, String watermark) {
    return c.preparedQuery(
            "insert into pending_days (tenant, day, tick_event_id, watermark) values ($1, $2, $3, $4)"
                + " on conflict do nothing")
        .execute(Tuple.of(tenant, day, tickId, watermark))
        .replaceWithVoid();
  }

  /** A clock tick waiting for its decisions. */
  public record PendingDay(String tenant, LocalDate day, UUID tickId, String watermark) {}

  /** The earliest pending day of each tenant. */
  public Uni<List<PendingDay>> pendingDays(SqlClient c) {
    return c.query(
            "select distinct on (tenant) tenant, day, tick_event_id, watermark from pending_days order by tenant, day")
        .execute()
        .map(
            rows -> {
              List<PendingDay> days = new ArrayList<>();
              rows.forEach(
                  r ->
                      days.add(
                          new PendingDay(
                              r.getString("tenant"),
                              r.getLocalDate("day"),
                              r.getUUID("tick_event_id"),
                              r.getString("watermark"))));
              return days;
            });
  }

  public Uni<Void> dayDone(SqlClient c, String tenant, LocalDate day) {
    return c.preparedQuery("delete from pending_days where tenant = $1 and day = $2")
        .execute(Tuple.of(tenant, day))
        .flatMap(
            v ->
                c.preparedQuery(
                        "insert into dunning_clock (tenant, today) values ($1, $2)"
                            + " on conflict (tenant) do update set today = greatest(dunning_clock.today, excluded.today)")
                    .execute(Tuple.of(tenant, day)))
        .replaceWithVoid();
  }

  public Uni<Optional<LocalDate>> today(SqlClient c, String tenant) {
    return c.preparedQuery("select today from dunning_clock where tenant = $1")
        .execute(Tuple.of(tenant))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getLocalDate("today")));
  }

  /** How many clock ticks wait for their decisions, all tenants together. */
  public Uni<Long> pendingDayCount(SqlClient c) {
    return c.query("select count(*) from pending_days")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Takes the tenant's day lock on {@code session} (a connection held for the whole day), so that
   * two instances never decide one tenant at once.
   *
   * @return false when another session holds it
   */
  public Uni<Boolean> tryLockDays(SqlClient session, String tenant) {
    return session
        .preparedQuery("select pg_try_advisory_lock(hashtext($1))")
        .execute(Tuple.of(dayLock(tenant)))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Uni<Void> unlockDays(SqlClient session, String tenant) {
    return session
        .preparedQuery("select pg_advisory_unlock(hashtext($1))")
        .execute(Tuple.of(dayLock(tenant)))
        .replaceWithVoid();
  }

  private static String dayLock(String tenant) {
    return "dunning-day:" + tenant;
  }

  /**
   * Whether the tenant invoiced the debtor, or holds its credit (another tenant's looks unknown).
   */
  public Uni<Boolean> debtorKnown(SqlClient c, String tenant, String debtorId) {
    return c.preparedQuery(
            "select (exists (select 1 from dunning_cases where tenant = $1"
                + " and invoice->'debtor'->>'id' = $2)"
                + " or exists (select 1 from credit_holds where tenant = $1 and debtor_id = $2))"
                + " as known")
        .execute(Tuple.of(tenant, debtorId))
        .map(rows -> rows.iterator().next().getBoolean("known"));
  }

  /** A debtor's credit hold, placed or lifted, since when and why. */
  public record CreditHoldRow(boolean held, LocalDate since, JsonNode reasons) {}

  public Uni<Optional<CreditHoldRow>> creditHoldOf(SqlClient c, String tenant, String debtorId) {
    return c.preparedQuery(
            "select held, since, reasons from credit_holds where tenant = $1 and debtor_id = $2")
        .execute(Tuple.of(tenant, debtorId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new CreditHoldRow(
                      r.getBoolean("held"),
                      r.getLocalDate("since"),
                      JsonColumns.read(r.getValue("reasons"))));
            });
  }

  /** Active invoices counted by the last step taken ({@code NONE}: not started). */
  public record Counts(java.util.Map<String, Long> byStep, java.util.Map<String, Long> byHold) {}

  /** The dashboard's counts of active invoices, by last step taken and by what holds them. */
  public Uni<Counts> counts(SqlClient c) {
    return c.query(
            "select 'step' as kind, coalesce(current_step, 'NONE') as name, count(*) as n"
                + " from dunning_cases where status = 'ACTIVE' and invoice is not null group by 2"
                + " union all select 'hold', hold_kind, count(*) from dunning_cases"
                + " where status = 'ACTIVE' and hold_kind is not null group by 2")
        .execute()
        .map(
            rows -> {
              java.util.Map<String, Long> steps = new java.util.LinkedHashMap<>();
              java.util.Map<String, Long> holds = new java.util.LinkedHashMap<>();
              rows.forEach(
                  r ->
                      ("step".equals(r.getString("kind")) ? steps : holds)
                          .put(r.getString("name"), r.getLong("n")));
              return new Counts(steps, holds);
            });
  }

  private static CaseRow row(Row r) {
    return new CaseRow(
        r.getUUID("invoice_id"),
        r.getString("tenant"),
        JsonColumns.read(r.getValue("invoice")),
        r.getBigDecimal("paid_down_to"),
        JsonColumns.read(r.getValue("penalty")),
        JsonColumns.read(r.getValue("deliveries")),
        r.getString("status"),
        r.getLocalDate("last_decided_day"),
        JsonColumns.read(r.getValue("disputes")),
        r.getString("current_step"),
        r.getString("hold_kind"));
  }
}
