package org.relance.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.platform.sql.JsonColumns;

/**
 * The registered tenants of this service's database ({@code tenants}), from TenantRegistered and
 * TenantUpdated: whether a token's tenant may act at all, and the creditor's identity for letters.
 * A tenant once seen registered is remembered (tenants are never deleted).
 */
@ApplicationScoped
public class TenantDirectory {

  /** The types this directory is made of. */
  public static final Set<EventType> TYPES =
      Set.of(EventType.TENANT_REGISTERED, EventType.TENANT_UPDATED);

  private final Pool pool;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public TenantDirectory(Pool pool) {
    this.pool = pool;
  }

  public Uni<Boolean> isRegistered(String tenant) {
    if (known.contains(tenant)) {
      return Uni.createFrom().item(true);
    }
    return pool.preparedQuery("select 1 from tenants where tenant = $1")
        .execute(Tuple.of(tenant))
        .map(
            rows -> {
              if (rows.size() > 0) {
                known.add(tenant);
                return true;
              }
              return false;
            });
  }

  /** Every registered tenant's identity, ordered by tenant. */
  public Uni<java.util.List<JsonNode>> profiles(SqlClient client) {
    return client
        .query("select profile from tenants order by tenant")
        .execute()
        .map(
            rows -> {
              java.util.List<JsonNode> all = new java.util.ArrayList<>();
              rows.forEach(r -> all.add(JsonColumns.read(r.getValue("profile"))));
              return all;
            });
  }

  /** The creditor's identity of a tenant (the event's data without its actor), if registered. */
  public Uni<Optional<JsonNode>> profile(SqlClient client, String tenant) {
    return client
        .preparedQuery("select profile from tenants where tenant = $1")
        .execute(Tuple.of(tenant))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(JsonColumns.read(rows.iterator().next().getValue("profile"))));
  }

  /** Applies a TenantRegistered or TenantUpdated, in the caller's transaction. */
  public Uni<Void> apply(SqlClient tx, CloudEvent event) {
    ObjectNode profile = event.data().deepCopy();
    profile.remove("registeredBy");
    profile.remove("updatedBy");
    String tenant = event.subject(); // tenant events are keyed by their tenant
    // the two types travel on two topics: whichever arrives last, the later event's profile wins
    return tx.preparedQuery(
            "insert into tenants (tenant, profile, version) values ($1, $2::jsonb, $3)"
                + " on conflict (tenant) do update set profile = excluded.profile,"
                + " version = excluded.version, updated_at = now()"
                + " where tenants.version < excluded.version")
        .execute(Tuple.of(tenant, profile.toString(), event.sequenceNumber()))
        .replaceWithVoid();
  }
}
