package org.relance.invoice.clock.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The business date of each tenant (read model of the clock stream). */
@ApplicationScoped
public class ClockRepository {

  private final ZoneId zone;
  private final Optional<LocalDate> startDate;

  public ClockRepository(
      @ConfigProperty(name = "relance.clock.zone", defaultValue = "Europe/Paris") ZoneId zone,
      @ConfigProperty(name = "relance.clock.start-date") Optional<LocalDate> startDate) {
    this.zone = zone;
    this.startDate = startDate;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Creates the tenant's clock on its first use; a write, so call it after appending events. */
  public Uni<Void> ensure(SqlClient client, String tenant, LocalDate today) {
    return client
        .preparedQuery(
            "insert into business_clock (tenant, today, zone) values ($1, $2, $3)"
                + " on conflict (tenant) do nothing")
        .execute(Tuple.of(tenant, today, zone.getId()))
        .replaceWithVoid();
  }

  /**
   * Serialises the tenant's clock with the commands that read it (advisory locks take no
   * transaction id, so they keep events the first write): a tick never misses an invoice issued
   * while it runs. Shared for commands, exclusive for the tick.
   */
  public Uni<Void> lock(SqlClient client, String tenant, boolean exclusive) {
    String fn = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
    return client
        .preparedQuery("select " + fn + "(hashtext($1))")
        .execute(Tuple.of("clock:" + tenant))
        .replaceWithVoid();
  }

  /**
   * The tenant's business date. A tenant seen for the first time starts on the configured start
   * date (demos and tests) or on today's date in the creditor's zone.
   */
  public Uni<LocalDate> today(SqlClient client, String tenant) {
    return client
        .preparedQuery("select today from business_clock where tenant = $1")
        .execute(Tuple.of(tenant))
        .map(
            rows ->
                rows.size() == 0
                    ? startDate.orElseGet(() -> LocalDate.now(zone))
                    : rows.iterator().next().getLocalDate("today"));
  }

  public Uni<Void> moveTo(SqlClient client, String tenant, LocalDate date) {
    return client
        .preparedQuery("update business_clock set today = $2, updated_at = now() where tenant = $1")
        .execute(Tuple.of(tenant, date))
        .replaceWithVoid();
  }

  public Uni<List<String>> tenants(SqlClient client) {
    return client
        .query("select tenant from business_clock order by tenant")
        .execute()
        .map(
            rows -> {
              List<String> tenants = new ArrayList<>();
              rows.forEach(r -> tenants.add(r.getString("tenant")));
              return tenants;
            });
  }

  /** Forgets every tenant's clock, before a rebuild from the event store. */
  public Uni<Void> clear(SqlClient client) {
    return client.query("delete from business_clock").execute().replaceWithVoid();
  }
}
