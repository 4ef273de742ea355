package org.relance.notification.reminder.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.Json;
import org.relance.notification.reminder.domain.Proof;
import org.relance.platform.sql.JsonColumns;

/**
 * The message sent for each batch (one per debtor, step and day) and its proof, so the batch's
 * other requests record the same proof instead of sending again.
 */
@ApplicationScoped
public class SentBatches {

  /**
   * Requests of one batch come on different partitions and may be handled at once by two instances;
   * the lock lets only one send, the other then finds its proof. Held until commit.
   */
  public Uni<Void> lock(SqlClient tx, String batchId) {
    return tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
        .execute(Tuple.of("batch:" + batchId))
        .replaceWithVoid();
  }

  public Uni<Optional<Proof>> proof(SqlClient tx, String batchId) {
    return tx.preparedQuery("select proof from sent_batches where batch_id = $1")
        .execute(Tuple.of(UUID.fromString(batchId)))
        .map(
            rows ->
                rows.iterator().hasNext()
                    ? Optional.of(
                        Json.convert(
                            JsonColumns.read(rows.iterator().next().getValue("proof")),
                            Proof.class))
                    : Optional.empty());
  }

  /**
   * A debtor's personal data was erased: the proofs of the batches sent to it lose the recipient
   * and the content (the hash of the content stays). A batch is found by its message's dispatch.
   * Call before {@link Dispatches#erase}, which this finds the debtor's dispatches like.
   */
  public Uni<Integer> erase(SqlClient tx, String tenant, String debtorId, List<String> invoices) {
    return tx.preparedQuery(
            "update sent_batches sb set proof = sb.proof || '{\"recipient\":null,\"content\":null}'::jsonb"
                + " from dispatches d where d.message_id = sb.proof->>'messageId'"
                + " and "
                + Dispatches.OF_DEBTOR)
        .execute(Tuple.of(tenant, invoices.toArray(new String[0]), debtorId))
        .map(rows -> rows.rowCount());
  }

  /** Call after appending the sender's ReminderSent: events are a transaction's first write. */
  public Uni<Void> record(SqlClient tx, String batchId, String requestId, Proof proof) {
    return tx.preparedQuery(
            "insert into sent_batches (batch_id, first_request_id, proof) values ($1, $2, $3::text::jsonb)")
        .execute(Tuple.of(UUID.fromString(batchId), UUID.fromString(requestId), Json.write(proof)))
        .replaceWithVoid();
  }
}
