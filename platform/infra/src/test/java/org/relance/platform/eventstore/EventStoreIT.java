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
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.platform.personal.PersonalData;
import org.relance.platform.testsupport.Events;
import org.relance.platform.testsupport.PlatformDatabase;
import org.relance.testkit.InvoiceData;

/**
 * The event store built by hand on a real PostgreSQL with the platform's migrations: what it
 * appends, what it refuses, and what the database itself refuses.
 */
class EventStoreIT {

  private static PlatformDatabase db;
  private static PersonalData personal;
  private static EventStore store;

  @BeforeAll
  static void database() {
    db = PlatformDatabase.create("event_store_it");
    personal = db.personalData();
    store = new EventStore("invoice-service", 262144, personal);
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

  /**
   * The envelopes as stored (and as the relay publishes them): sealed. The hash chain covers these,
   * not the opened views the store's reads answer.
   */
  private static List<CloudEvent> sealed(String streamId) {
    return db
        .rows(
            "select envelope::text from event_store where stream_id = $1 order by version",
            streamId)
        .stream()
        .map(r -> CloudEvent.parse(r.getString(0)))
        .toList();
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

    List<CloudEvent> stored = sealed(id);
    assertThat(stored).extracting(CloudEvent::sequence).containsExactly("1", "2", "3");
    assertThat(stored).extracting(CloudEvent::source).containsOnly("invoice-service");
    assertThat(stored.get(0).prevhash()).isEqualTo(HashChain.GENESIS);
    assertThat(stored.get(1).prevhash()).isEqualTo(stored.get(0).hash());
    // append returned the stored events (ids, sequences, hashes as published), opened as a read
    // of the stream opens them, byte for byte
    List<CloudEvent> appended = List.of(first.get(0), next.get(0), next.get(1));
    assertThat(appended)
        .extracting(CloudEvent::hash)
        .containsExactlyElementsOf(stored.stream().map(CloudEvent::hash).toList());
    assertThat(stream(id).stream().map(CloudEvent::toJsonString))
        .containsExactlyElementsOf(appended.stream().map(CloudEvent::toJsonString).toList());
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
    assertThat(HashChain.verify(sealed(id)).verified()).isTrue();
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

  /** An invoice of a debtor of its own, with every personal field of InvoiceIssued filled. */
  private static PendingEvent issuedWithContacts(String id, String tenant, String debtorId) {
    var data = InvoiceData.issued(id, tenant, "F-9", "2026-01-05", "2026-02-04", "1200.00");
    var debtor = (com.fasterxml.jackson.databind.node.ObjectNode) data.get("debtor");
    debtor.put("id", debtorId).put("legalId", "552100554").put("phone", "+33 6 12 34 56 78");
    debtor
        .putObject("address")
        .put("postalCode", "F-69003")
        .put("city", "Lyon Part-Dieu")
        .put("country", "FR")
        .putArray("lines")
        .add("12 rue des Lilas");
    debtor
        .putArray("contacts")
        .addObject()
        .put("name", "Jeanne Martin")
        .put("email", "jeanne.martin@dupont.example")
        .put("phone", "+33 4 72 00 00 00")
        .put("role", "chef comptable");
    return Events.pending(UUID.randomUUID(), EventType.INVOICE_ISSUED, id, data, tenant);
  }

  /** Each holds a character base64 has not, so none can turn up in a ciphertext by chance. */
  private static final List<String> CLEAR_VALUES =
      List.of(
          "compta@dupont.example",
          "+33 6 12 34 56 78",
          "12 rue des Lilas",
          "F-69003",
          "Lyon Part-Dieu",
          "Jeanne Martin",
          "jeanne.martin@dupont.example",
          "+33 4 72 00 00 00",
          "chef comptable");

  private static List<String> storedText(String streamId) {
    return db
        .rows(
            "select envelope::text from event_store where stream_id = $1 order by version",
            streamId)
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /**
   * The debtor's contact data is stored and published only sealed (schema v2, the values in the
   * encrypted block under the debtor's key); a read opens it; once the debtor's key is erased a
   * read says so, while the stored envelopes, their hashes and the chain stay exactly as they were.
   */
  @Test
  void personal_values_are_stored_sealed_read_back_opened_and_erased_with_the_subjects_key() {
    String tenant = Events.tenant();
    String id = invoice();
    String debtorId = "D-" + UUID.randomUUID().toString().substring(0, 8);
    PendingEvent pending = issuedWithContacts(id, tenant, debtorId);
    var clearDebtor = org.relance.contracts.Json.toObject(pending.data()).get("debtor");

    CloudEvent appended = inTx(tx -> store.append(tx, id, 0, List.of(pending))).get(0);

    String text = storedText(id).get(0);
    assertThat(text).doesNotContain(CLEAR_VALUES);
    CloudEvent stored = CloudEvent.parse(text);
    assertThat(stored.dataschema()).isEqualTo("urn:relance:schema:InvoiceIssued:v2");
    org.relance.contracts.EventSchemas.check(stored); // the sealed data is valid v2 data
    assertThat(stored.data().get("debtor").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("id", "name", "legalId");
    assertThat(stored.data().get("debtor").get("name").asText())
        .as("a company's name is not personal data")
        .isEqualTo("Dupont SARL");
    var block = stored.data().get("personal");
    assertThat(block.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("subject", "generation", "ciphertext");
    assertThat(block.get("subject").asText()).isEqualTo(debtorId);
    assertThat(block.get("generation").asInt()).isEqualTo(1);
    assertThat(PersonalDataSeal.disclosure(stored)).isEqualTo(PersonalDataSeal.Disclosure.SEALED);
    assertThat(appended.hash()).isEqualTo(stored.hash());

    for (CloudEvent opened : List.of(appended, stream(id).get(0))) {
      assertThat(PersonalDataSeal.disclosure(opened)).isEqualTo(PersonalDataSeal.Disclosure.CLEAR);
      assertThat(opened.data().get("debtor")).isEqualTo(clearDebtor);
      assertThat(opened.hash()).isEqualTo(stored.hash());
    }

    assertThat(await(personal.keys().erase(tenant, debtorId, "operator:test", "art. 17 request")))
        .isEqualTo(1);

    CloudEvent erased = stream(id).get(0);
    assertThat(PersonalDataSeal.disclosure(erased)).isEqualTo(PersonalDataSeal.Disclosure.ERASED);
    assertThat(erased.data().get("debtor").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("id", "name", "legalId");
    assertThat(erased.data().get("personal").has("ciphertext")).isFalse();
    assertThat(erased.data().get("personal").get("subject").asText()).isEqualTo(debtorId);
    assertThat(erased.toJsonString()).doesNotContain(CLEAR_VALUES);
    assertThat(storedText(id)).as("the stored envelope is untouched").containsExactly(text);
    assertThat(db.rows("select hash from event_store where stream_id = $1", id))
        .extracting(r -> r.getString("hash"))
        .containsExactly(stored.hash());
    ChainVerification verdict = HashChain.verify(sealed(id));
    assertThat(verdict.verified()).as(String.valueOf(verdict.reason())).isTrue();
    assertThat(verdict.head()).isEqualTo(stored.hash());

    // a new invoice of the same debtor after the erasure: sealed under the next key, readable;
    // the erased one stays erased
    String again = invoice();
    inTx(tx -> store.append(tx, again, 0, List.of(issuedWithContacts(again, tenant, debtorId))));
    assertThat(
            CloudEvent.parse(storedText(again).get(0))
                .data()
                .get("personal")
                .get("generation")
                .asInt())
        .isEqualTo(2);
    assertThat(PersonalDataSeal.disclosure(stream(again).get(0)))
        .isEqualTo(PersonalDataSeal.Disclosure.CLEAR);
    assertThat(PersonalDataSeal.disclosure(stream(id).get(0)))
        .isEqualTo(PersonalDataSeal.Disclosure.ERASED);
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode disputed(String id, String reason) {
    var data = org.relance.contracts.Json.object();
    data.put("invoiceId", id)
        .put("disputeId", UUID.randomUUID().toString())
        .put("category", "DELIVERY")
        .put("reason", reason)
        .put("openedOn", "2026-02-10")
        .put("actor", "operator:test");
    return data;
  }

  /**
   * A free-text event (a dispute's reason) does not name its debtor: the producer must say whose
   * personal data it is ({@link PendingEvent#about}), or the store refuses it.
   */
  @Test
  void an_event_with_personal_values_that_does_not_name_its_data_subject_is_refused() {
    String tenant = Events.tenant();
    String id = invoice();
    String reason = "Mme Martin (06 11 22 33 44) dit que la livraison est incomplète";
    PendingEvent anonymous =
        Events.pending(
            UUID.randomUUID(), EventType.INVOICE_DISPUTED, id, disputed(id, reason), tenant);

    assertThatThrownBy(() -> inTx(tx -> store.append(tx, id, 0, List.of(anonymous))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("InvoiceDisputed with personal data needs its data subject")
        .hasMessageContaining("PendingEvent.about");
    assertThat(stream(id)).isEmpty();

    String debtorId = "D-" + UUID.randomUUID().toString().substring(0, 8);
    CloudEvent appended =
        inTx(tx -> store.append(tx, id, 0, List.of(anonymous.about(debtorId)))).get(0);
    assertThat(storedText(id).get(0)).doesNotContain("Mme Martin", "06 11 22 33 44");
    assertThat(PersonalDataSeal.subject(CloudEvent.parse(storedText(id).get(0))))
        .contains(debtorId);
    assertThat(appended.data().get("reason").asText()).isEqualTo(reason);
    assertThat(stream(id).get(0).data().get("reason").asText()).isEqualTo(reason);
  }

  @Test
  void an_event_without_personal_values_gets_no_personal_block() {
    String tenant = Events.tenant();
    String id = invoice();
    var data = InvoiceData.issued(id, tenant, "F-1", "2026-01-05", "2026-02-04", "1200.00");
    ((com.fasterxml.jackson.databind.node.ObjectNode) data.get("debtor")).remove("email");

    CloudEvent appended =
        inTx(tx ->
                store.append(
                    tx,
                    id,
                    0,
                    List.of(
                        Events.pending(
                            UUID.randomUUID(), EventType.INVOICE_ISSUED, id, data, tenant))))
            .get(0);

    CloudEvent stored = CloudEvent.parse(storedText(id).get(0));
    assertThat(stored.data().has("personal")).isFalse();
    assertThat(stored.data()).isEqualTo(data);
    assertThat(PersonalDataSeal.disclosure(stored)).isEqualTo(PersonalDataSeal.Disclosure.NONE);
    assertThat(appended.toJsonString()).isEqualTo(stored.toJsonString());
    assertThat(stream(id))
        .extracting(CloudEvent::toJsonString)
        .containsExactly(stored.toJsonString());
  }
}
