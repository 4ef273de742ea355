package org.relance.invoice.receivable.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.invoice.receivable.domain.Invoice;

/**
 * The {@code invoices} read model: lookups by number, the clock's due-date scan, the API's view.
 */
@ApplicationScoped
public class InvoiceProjection {

  /** An invoice known by its number, with the hash of its content. */
  public record Known(UUID id, String contentHash) {}

  public Uni<Optional<Known>> findByNumber(SqlClient client, String tenant, String number) {
    return client
        .preparedQuery(
            "select id, content_hash from invoices where tenant = $1 and invoice_number = $2")
        .execute(Tuple.of(tenant, number))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(new Known(row.getUUID("id"), row.getString("content_hash")));
            });
  }

  public Uni<Void> save(SqlClient client, Invoice invoice, String contentHash) {
    return client
        .preparedQuery(
            "insert into invoices (id, tenant, invoice_number, content_hash, debtor_id, status, currency, amount,"
                + " outstanding, issue_date, due_date, due_date_passed, version, jurisdiction)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                + " on conflict (id) do update set status = excluded.status, outstanding = excluded.outstanding,"
                + " due_date_passed = excluded.due_date_passed, version = excluded.version, updated_at = now()")
        .execute(
            Tuple.from(
                List.<Object>of(
                    invoice.id(),
                    invoice.tenant(),
                    invoice.terms().invoiceNumber(),
                    contentHash,
                    invoice.terms().debtor().id(),
                    invoice.status().name(),
                    invoice.outstanding().currencyCode(),
                    invoice.terms().amount().amount(),
                    invoice.outstanding().amount(),
                    invoice.terms().issueDate(),
                    invoice.terms().dueDate(),
                    invoice.dueDatePassed(),
                    invoice.version(),
                    invoice.terms().jurisdiction())))
        .replaceWithVoid();
  }

  /**
   * Open invoices of the tenant whose due date is before {@code date} and not yet marked passed.
   */
  public Uni<List<UUID>> dueBefore(SqlClient client, String tenant, LocalDate date) {
    return client
        .preparedQuery(
            "select id from invoices where tenant = $1 and due_date < $2"
                + " and not due_date_passed and outstanding > 0 order by due_date, id")
        .execute(Tuple.of(tenant, date))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getUUID("id")));
              return ids;
            });
  }

  public Uni<Optional<String>> contentHash(SqlClient client, UUID id) {
    return client
        .preparedQuery("select content_hash from invoices where id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString("content_hash")));
  }

  /**
   * The content hash of every invoice, by id: a rebuild keeps them, since an invoice whose debtor's
   * contact data was erased no longer folds into the content its hash was taken of.
   */
  public Uni<java.util.Map<UUID, String>> contentHashes(SqlClient client) {
    return client
        .query("select id, content_hash from invoices")
        .execute()
        .map(
            rows -> {
              java.util.Map<UUID, String> hashes = new java.util.HashMap<>();
              rows.forEach(r -> hashes.put(r.getUUID("id"), r.getString("content_hash")));
              return hashes;
            });
  }

  /** Empties the read model, before a rebuild from the event store. */
  public Uni<Void> clear(SqlClient client) {
    return client.query("delete from invoices").execute().replaceWithVoid();
  }
}
