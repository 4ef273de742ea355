package org.relance.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relance.platform.testsupport.PlatformDatabase.await;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.platform.testsupport.Events;
import org.relance.platform.testsupport.PlatformDatabase;
import org.relance.testkit.InvoiceData;

/**
 * The event store built by hand on a real PostgreSQL with the platform's migrations: what it
 * appends, what it refuses, and what the database itself refuses.
 */
class EventStoreIT {

  private static PlatformDatabase db;
  private static EventStore store;

  @BeforeAll
  static void database() {
    db = PlatformDatabase.create("event_store_it");
    store = new EventStore("invoice-service", 262144, db.personalData());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static <T> T inTx(Function<SqlConnection, Uni<T>> work) {
    return await(db.pool().withTransaction(work));
  }

  private static List<CloudEvent> stream(String streamId) {
    return await(store.readStream(db.pool(), streamId));
  }

  private static String invoice() {
    return UUID.randomUUID().toString();
  }

  @Test
  void appended_events_are_sealed_in_a_hash_chain_that_verifies_and_stored_as_returned() {
    String tenant = Events.tenant();
    String id = invoice();
    List<CloudEvent> first =
        inTx(tx -> store.append(tx, id, 0, List.of(Events.issued(id, tenant))));
    List<CloudEvent> next =
        inTx(
            tx ->
                store.append(
                    tx,
                    id,
                    1,
                    List.of(
                        Events.issued(UUID.randomUUID(), id, tenant, "F-2"),
                        Events.issued(UUID.randomUUID(), id, tenant, "F-3"))));

    List<CloudEvent> stored = stream(id);
    assertThat(stored).extracting(CloudEvent::sequence).containsExactly("1", "2", "3");
    assertThat(stored).extracting(CloudEvent::source).containsOnly("invoice-service");
    assertThat(stored.get(0).prevhash()).isEqualTo(HashChain.GENESIS);
    assertThat(stored.get(1).prevhash()).isEqualTo(stored.get(0).hash());
    // what append returned is exactly what was stored, byte for byte, as the relay publishes it
    assertThat(stored.stream().map(CloudEvent::toJsonString))
        .containsExactly(
            first.get(0).toJsonString(), next.get(0).toJsonString(), next.get(1).toJsonString());
    assertThat(db.rows("select envelope, hash from event_store where stream_id = $1", id))
        .extracting(r -> r.getString("hash"))
        .containsExactlyInAnyOrderElementsOf(stored.stream().map(CloudEvent::hash).toList());

    ChainVerification verdict = HashChain.verify(stored);
    assertThat(verdict.verified()).as(String.valueOf(verdict.reason())).isTrue();
    assertThat(verdict.length()).isEqualTo(3);
    assertThat(verdict.head()).isEqualTo(stored.get(2).hash());
  }

  @Test
  void any_version_appends_at_the_head_of_the_stream() {
    String tenant = Events.tenant();
    String id = invoice();
    inTx(tx -> store.append(tx, id, 0, List.of(Events.issued(id, tenant))));
    List<CloudEvent> appended =
        inTx(
            tx ->
                store.append(
                    tx,
                    id,
                    EventStore.ANY_VERSION,
                    List.of(Events.issued(UUID.randomUUID(), id, tenant, "F-2"))));
    assertThat(appended.get(0).sequence()).isEqualTo("2");
    assertThat(HashChain.verify(stream(id)).verified()).isTrue();
  }

  @Test
  void an_append_at_a_stale_version_is_refused_and_appends_nothing() {
    String tenant = Events.tenant();
    String id = invoice();
    inTx(tx -> store.append(tx, id, 0, List.of(Events.issued(id, tenant))));

    assertThatThrownBy(
            () ->
                inTx(
                    tx ->
                        store.append(
                            tx, id, 0, List.of(Events.issued(UUID.randomUUID(), id, tenant, "X")))))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessageContaining("is at version 1, expected 0");
    assertThat(stream(id)).hasSize(1);
  }

  /**
   * Two transactions both read the stream at version 0 before either commits: the database's unique
   * (stream, version) makes the second wait for the first, then refuses it, and the store turns
   * that into a ConcurrencyException (which consumers retry), not a generic failure.
   */
  @Test
  void
      of_two_concurrent_appends_at_the_same_version_one_wins_and_the_other_gets_a_concurrency_exception()
          throws Exception {
    String tenant = Events.tenant();
    String id = invoice();
    PendingEvent winner = Events.issued(UUID.randomUUID(), id, tenant, "WIN");
    PendingEvent loser = Events.issued(UUID.randomUUID(), id, tenant, "LOSE");
    SqlConnection a = await(db.pool().getConnection());
    SqlConnection b = await(db.pool().getConnection());
    try {
      Transaction txA = await(a.begin());
      await(store.append(a, id, 0, List.of(winner)));
      Transaction txB = await(b.begin());
      CompletableFuture<List<CloudEvent>> second =
          store.append(b, id, 0, List.of(loser)).subscribeAsCompletionStage();
      // B has read version 0 and now waits on A's row: the race is real, not sequential
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  db.count(
                          "select count(*) from pg_stat_activity where datname = $1"
                              + " and wait_event_type = 'Lock'",
                          db.name())
                      > 0);
      assertThat(second).isNotDone();
      await(txA.commit());

      assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(ConcurrencyException.class);
      await(txB.rollback());
    } finally {
      await(a.close());
      await(b.close());
    }
    assertThat(stream(id)).extracting(CloudEvent::id).containsExactly(winner.id().toString());
  }

  @Test
  void the_database_refuses_to_update_delete_or_truncate_stored_events() {
    String tenant = Events.tenant();
    String id = invoice();
    CloudEvent stored =
        inTx(tx -> store.append(tx, id, 0, List.of(Events.issued(id, tenant)))).get(0);

    for (String sql :
        List.of(
            "update event_store set envelope = '{}' where stream_id = $1",
            "update event_store set hash = repeat('0', 64) where stream_id = $1",
            "delete from event_store where stream_id = $1")) {
      assertThatThrownBy(() -> db.execute(sql, id))
          .as(sql)
          .isInstanceOf(PgException.class)
          .hasMessageContaining("append-only")
          .satisfies(e -> assertThat(((PgException) e).getSqlState()).isEqualTo("42501"));
    }
    assertThatThrownBy(() -> db.execute("truncate event_store"))
        .isInstanceOf(PgException.class)
        .hasMessageContaining("append-only");

    assertThat(stream(id))
        .extracting(CloudEvent::toJsonString)
        .containsExactly(stored.toJsonString());
  }

  @Test
  void appending_after_another_write_of_the_same_transaction_is_refused() {
    String tenant = Events.tenant();
    String id = invoice();
    assertThatThrownBy(
            () ->
                inTx(
                    tx ->
                        tx.preparedQuery("insert into relay_checkpoint (relay) values ($1)")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of("other-write-" + id))
                            .flatMap(
                                done ->
                                    store.append(tx, id, 0, List.of(Events.issued(id, tenant))))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be appended before any other write");
    assertThat(stream(id)).isEmpty();
    assertThat(
            db.count("select count(*) from relay_checkpoint where relay = $1", "other-write-" + id))
        .as("the whole transaction rolled back")
        .isZero();
  }

  @Test
  void a_transaction_that_appended_first_may_write_elsewhere_and_append_again() {
    String tenant = Events.tenant();
    String id = invoice();
    inTx(
        tx ->
            store
                .append(tx, id, 0, List.of(Events.issued(id, tenant)))
                .flatMap(
                    done ->
                        tx.preparedQuery("insert into relay_checkpoint (relay) values ($1)")
                            .execute(io.vertx.mutiny.sqlclient.Tuple.of("after-append-" + id)))
                .flatMap(
                    done ->
                        store.append(
                            tx,
                            id,
                            1,
                            List.of(Events.issued(UUID.randomUUID(), id, tenant, "F-2")))));
    assertThat(stream(id)).extracting(CloudEvent::sequence).containsExactly("1", "2");
  }

  @Test
  void an_event_id_already_stored_is_refused_as_a_duplicate() {
    String tenant = Events.tenant();
    String first = invoice();
    String second = invoice();
    UUID eventId = UUID.randomUUID();
    inTx(tx -> store.append(tx, first, 0, List.of(Events.issued(eventId, first, tenant, "F-1"))));

    assertThatThrownBy(
            () ->
                inTx(
                    tx ->
                        store.append(
                            tx, second, 0, List.of(Events.issued(eventId, second, tenant, "F-1")))))
        .isInstanceOf(DuplicateEventException.class);
    assertThat(stream(second)).isEmpty();
    assertThat(stream(first)).hasSize(1);
  }

  @Test
  void an_oversize_event_is_refused_and_nothing_of_its_batch_is_appended() {
    EventStore small = new EventStore("invoice-service", 4096, db.personalData());
    String tenant = Events.tenant();
    String id = invoice();
    PendingEvent fine = Events.issued(id, tenant);
    PendingEvent huge = Events.issued(UUID.randomUUID(), id, tenant, "N".repeat(5000));

    assertThatThrownBy(() -> inTx(tx -> small.append(tx, id, 0, List.of(fine, huge))))
        .isInstanceOfSatisfying(
            EventTooLargeException.class,
            e -> {
              assertThat(e.eventType()).isEqualTo("InvoiceIssued");
              assertThat(e.maxBytes()).isEqualTo(4096);
              assertThat(e.bytes()).isGreaterThan(5000);
            });
    assertThat(stream(id)).isEmpty();

    // the default limit (256 KiB) holds for the store of a service too
    String other = invoice();
    assertThatThrownBy(
            () ->
                inTx(
                    tx ->
                        store.append(
                            tx,
                            other,
                            0,
                            List.of(
                                Events.issued(
                                    UUID.randomUUID(), other, tenant, "N".repeat(270_000))))))
        .isInstanceOf(EventTooLargeException.class);
    assertThat(stream(other)).isEmpty();
  }

  @Test
  void data_that_breaks_its_schema_is_refused_and_nothing_is_appended() {
    String tenant = Events.tenant();
    String id = invoice();
    var data = InvoiceData.issued(id, tenant, "F-1", "2026-01-05", "2026-02-04", "1200.00");
    data.remove("amount");
    PendingEvent broken =
        Events.pending(UUID.randomUUID(), EventType.INVOICE_ISSUED, id, data, tenant);

    assertThatThrownBy(
            () -> inTx(tx -> store.append(tx, id, 0, List.of(Events.issued(id, tenant), broken))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("breaks its schema")
        .hasMessageContaining("amount");
    assertThat(stream(id)).isEmpty();
  }

  @Test
  void an_event_about_another_subject_than_the_stream_is_refused() {
    String tenant = Events.tenant();
    String id = invoice();
    String other = invoice();
    assertThatThrownBy(
            () -> inTx(tx -> store.append(tx, id, 0, List.of(Events.issued(other, tenant)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not stream");
    assertThat(stream(id)).isEmpty();
    assertThat(stream(other)).isEmpty();
  }
}
