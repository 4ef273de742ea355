package org.relance.penalty.assessment.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.EventCodec;
import org.relance.contracts.Json;
import org.relance.contracts.events.InvoiceIssued;
import org.relance.penalty.assessment.domain.PenaltyCase;
import org.relance.penalty.assessment.domain.Trigger;
import org.relance.platform.sql.JsonColumns;

/**
 * The table {@code penalty_cases}: one row per invoice with the invoice as issued (its {@code
 * InvoiceIssued} data), the credits received and the assessments still waiting.
 */
@ApplicationScoped
public class PenaltyCases {

  /** A credit as a row keeps it; an early-payment discount says so in {@code kind}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StoredCredit(
      UUID paymentId, LocalDate paidOn, BigDecimal amount, String kind, BigDecimal ratePercent) {}

  /** A waiting assessment as a row keeps it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StoredAssessment(
      Trigger trigger,
      LocalDate asOf,
      LocalDate businessDate,
      String causationId,
      String requestId,
      String waitingFor) {}

  private static final String EARLY_PAYMENT_DISCOUNT = "EARLY_PAYMENT_DISCOUNT";

  /**
   * One invoice's case is changed by one transaction at a time (the consumer, a re-run after a rate
   * was recorded): an advisory lock, which takes no transaction id, so events stay the first write.
   */
  public Uni<Void> lock(SqlConnection tx, UUID invoiceId) {
    return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of("penalty-case:" + invoiceId))
        .replaceWithVoid();
  }

  /** The case of an invoice, empty when nothing is known of it yet. */
  public Uni<PenaltyCase> load(SqlConnection tx, UUID invoiceId) {
    return tx.preparedQuery(
            "select tenant, invoice, payments, pending from penalty_cases where invoice_id = $1")
        .execute(Tuple.of(invoiceId))
        .map(rows -> rows.size() == 0 ? PenaltyCase.empty() : read(rows.iterator().next()));
  }

  /**
   * Saves a case. The invoice column keeps the invoice's data as issued: {@code issued} when it
   * just arrived, otherwise what the row holds.
   */
  public Uni<Void> save(SqlConnection tx, UUID invoiceId, PenaltyCase c, InvoiceIssued issued) {
    return tx.preparedQuery(
            "insert into penalty_cases (invoice_id, tenant, invoice, payments, pending)"
                + " values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5::text::jsonb) on conflict (invoice_id) do update set"
                + " tenant = coalesce(excluded.tenant, penalty_cases.tenant), invoice = coalesce(excluded.invoice, penalty_cases.invoice),"
                + " payments = excluded.payments, pending = excluded.pending, updated_at = now()")
        .execute(
            Tuple.of(
                invoiceId,
                c.tenant(),
                issued == null ? null : Json.write(EventCodec.write(issued)),
                Json.write(c.credits().stream().map(PenaltyCases::stored).toList()),
                Json.write(c.pending().stream().map(PenaltyCases::stored).toList())))
        .replaceWithVoid();
  }

  /**
   * Forgets an erased debtor's clear contact data (email, phone, postal address, contacts) in the
   * invoices its cases keep; the terms penalties are computed from stay. penalty-service holds no
   * key, so only version 1 (clear) data can have any; no marker is added, so that a rebuild from
   * the topics, in whatever order it reads the erasure and the invoice, ends in the same state.
   * Cases are found by the debtor's id and by the invoices the erasure names. Done again, it
   * changes nothing.
   *
   * @return how many cases were purged
   */
  public Uni<Integer> erasePersonalData(
      SqlClient c, String tenant, String debtorId, List<UUID> invoices) {
    return c.preparedQuery(
            "update penalty_cases set invoice = jsonb_set(invoice, '{debtor}',"
                + " (invoice->'debtor') - 'email' - 'phone' - 'address' - 'contacts'),"
                + " updated_at = now()"
                + " where jsonb_typeof(invoice->'debtor') = 'object'"
                + " and ((tenant = $1 and invoice->'debtor'->>'id' = $2) or invoice_id = any($3::uuid[]))")
        .execute(Tuple.of(tenant, debtorId, invoices.toArray(UUID[]::new)))
        .map(rows -> rows.rowCount());
  }

  /** The invoices whose case has assessments waiting (for a rate, say), in id order. */
  public Uni<List<UUID>> waiting(SqlClient client) {
    return client
        .query(
            "select invoice_id from penalty_cases where invoice is not null"
                + " and jsonb_array_length(pending) > 0 order by invoice_id")
        .execute()
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID("invoice_id")));
              return ids;
            });
  }

  private static PenaltyCase read(Row row) {
    var invoice = JsonColumns.read(row.getValue("invoice"));
    List<StoredCredit> credits =
        Json.mapper()
            .convertValue(JsonColumns.read(row.getValue("payments")), new TypeReference<>() {});
    List<StoredAssessment> pending =
        Json.mapper()
            .convertValue(JsonColumns.read(row.getValue("pending")), new TypeReference<>() {});
    return new PenaltyCase(
        row.getString("tenant"),
        invoice == null || invoice.isNull()
            ? null
            : PenaltyCodec.invoice(Json.convert(invoice, InvoiceIssued.class)),
        credits.stream().map(PenaltyCases::credit).toList(),
        pending.stream().map(PenaltyCases::pending).toList());
  }

  private static PenaltyCase.Credit credit(StoredCredit c) {
    return new PenaltyCase.Credit(
        EARLY_PAYMENT_DISCOUNT.equals(c.kind())
            ? PenaltyCase.Credit.Kind.EARLY_PAYMENT_DISCOUNT
            : PenaltyCase.Credit.Kind.PAYMENT,
        c.paymentId(),
        c.paidOn(),
        c.amount(),
        c.ratePercent());
  }

  private static StoredCredit stored(PenaltyCase.Credit c) {
    return new StoredCredit(
        c.paymentId(),
        c.paidOn(),
        c.amount(),
        c.kind() == PenaltyCase.Credit.Kind.EARLY_PAYMENT_DISCOUNT ? EARLY_PAYMENT_DISCOUNT : null,
        c.ratePercent());
  }

  private static PenaltyCase.PendingAssessment pending(StoredAssessment a) {
    return new PenaltyCase.PendingAssessment(
        a.trigger(), a.asOf(), a.businessDate(), a.causationId(), a.requestId(), a.waitingFor());
  }

  private static StoredAssessment stored(PenaltyCase.PendingAssessment a) {
    return new StoredAssessment(
        a.trigger(), a.asOf(), a.businessDate(), a.causationId(), a.requestId(), a.waitingFor());
  }
}
