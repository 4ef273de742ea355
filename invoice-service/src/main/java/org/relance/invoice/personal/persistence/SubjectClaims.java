package org.relance.invoice.personal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relance.contracts.money.Money;
import org.relance.invoice.personal.domain.Claim;

/**
 * A data subject's claims, from the {@code invoices} read model: the debtor id is the subject, and
 * the read model is the one clean index of a debtor's invoices in the system. Nothing personal is
 * read (ids, numbers, jurisdictions, dates, amounts).
 */
@ApplicationScoped
public class SubjectClaims {

  private static final String COLUMNS =
      "id, invoice_number, jurisdiction, due_date, outstanding, currency";

  /** Every invoice of the tenant whose debtor is {@code subject}, by due date. */
  public Uni<List<Claim>> of(SqlClient client, String tenant, String subject) {
    return client
        .preparedQuery(
            "select "
                + COLUMNS
                + " from invoices where tenant = $1 and debtor_id = $2 order by due_date, id")
        .execute(Tuple.of(tenant, subject))
        .map(
            rows -> {
              List<Claim> claims = new ArrayList<>();
              rows.forEach(r -> claims.add(claim(r)));
              return claims;
            });
  }

  /** Every invoice of the tenant, by debtor (in debtor order), each debtor's by due date. */
  public Uni<Map<String, List<Claim>>> byDebtor(SqlClient client, String tenant) {
    return client
        .preparedQuery(
            "select debtor_id, "
                + COLUMNS
                + " from invoices where tenant = $1 order by debtor_id, due_date, id")
        .execute(Tuple.of(tenant))
        .map(
            rows -> {
              Map<String, List<Claim>> claims = new LinkedHashMap<>();
              rows.forEach(
                  r ->
                      claims
                          .computeIfAbsent(r.getString("debtor_id"), d -> new ArrayList<>())
                          .add(claim(r)));
              return claims;
            });
  }

  /** The tenants that have invoices. */
  public Uni<List<String>> tenants(SqlClient client) {
    return client
        .query("select distinct tenant from invoices order by tenant")
        .execute()
        .map(
            rows -> {
              List<String> tenants = new ArrayList<>();
              rows.forEach(r -> tenants.add(r.getString("tenant")));
              return tenants;
            });
  }

  private static Claim claim(Row r) {
    return new Claim(
        r.getUUID("id"),
        r.getString("invoice_number"),
        r.getString("jurisdiction"),
        r.getLocalDate("due_date"),
        Money.of(r.getBigDecimal("outstanding").toPlainString(), r.getString("currency")));
  }
}
