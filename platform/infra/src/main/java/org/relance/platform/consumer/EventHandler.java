package org.relance.platform.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.relance.contracts.CloudEvent;

/**
 * The effect of one consumed event, run inside the consumer's transaction. If it appends events, it
 * must append them before any other write (see {@link org.relance.platform.eventstore.EventStore}).
 */
@FunctionalInterface
public interface EventHandler {
  Uni<Void> handle(SqlConnection tx, CloudEvent event, ConsumedRecord record);
}
