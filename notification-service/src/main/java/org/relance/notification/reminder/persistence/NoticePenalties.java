package org.relance.notification.reminder.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.Json;
import org.relance.contracts.events.Penalties;
import org.relance.platform.sql.JsonColumns;

/**
 * The penalties penalty-service assessed as of each formal notice's date, kept (as the {@code
 * penalties} part of the reminder contract) whichever of the notice and its assessment comes first.
 */
@ApplicationScoped
public class NoticePenalties {

  public Uni<Optional<Penalties>> find(SqlClient tx, UUID requestId) {
    return tx.preparedQuery("select data from notice_penalties where request_id = $1")
        .execute(Tuple.of(requestId))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(
                        Json.convert(
                            JsonColumns.read(rows.iterator().next().getValue("data")),
                            Penalties.class))
                    : Optional.empty());
  }

  public Uni<Void> keep(SqlClient tx, UUID requestId, Penalties penalties) {
    return tx.preparedQuery(
            "insert into notice_penalties (request_id, data) values ($1, $2::text::jsonb)"
                + " on conflict do nothing")
        .execute(Tuple.of(requestId, Json.write(penalties)))
        .replaceWithVoid();
  }
}
