package org.relance.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relance.platform.testsupport.PlatformDatabase.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.InvalidEventException;
import org.relance.contracts.Json;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.platform.eventstore.ConcurrencyException;
import org.relance.platform.relay.Watermark;
import org.relance.platform.security.TenantDirectory;
import org.relance.platform.testsupport.Events;
import org.relance.platform.testsupport.PlatformDatabase;
import org.relance.platform.testsupport.Topics;
import org.relance.testkit.FakeProducer;
import org.relance.testkit.Infra;
import org.relance.testkit.InvoiceData;

/**
 * The idempotent consumer built by hand against a migrated database, fed with records that went
 * through the real broker (sent as their topic's owner, read back as a consumer receives them). Its
 * handler writes one row per application to a table of the test, so "applied once" is a count of
 * committed effects, not of calls.
 */
class IdempotentConsumerIT {

  private static final String CONSUMER = "dunning-service";

  private static PlatformDatabase db;
  private static FakeProducer events;
  private IdempotentConsumer consumer;
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeAll
  static void servers() {
    db = PlatformDatabase.create("consumer_it");
    db.execute("create table effects (event_id text not null, note text)");
    Topics.awaitAcls("invoice-service");
    events = new FakeProducer(Infra.kafkaBootstrap());
  }

  @AfterAll
  static void close() {
    events.close();
    db.close();
  }

  @BeforeEach
  void consumer() {
    // three attempts with short back-off, so that giving up takes milliseconds, not minutes
    consumer =
        new IdempotentConsumer(
            db.pool(),
            new SimpleMeterRegistry(),
            new TenantDirectory(db.pool()),
            db.personalData(),
            CONSUMER,
            3,
            Duration.ofMillis(20),
            Duration.ofMillis(200));
  }

  /** Writes the effect and counts the call. */
  private EventHandler recording() {
    return (tx, event, where) -> {
      calls.incrementAndGet();
      return tx.preparedQuery("insert into effects (event_id, note) values ($1, $2)")
          .execute(Tuple.of(event.id(), where.topic() + "@" + where.offset()))
          .replaceWithVoid();
    };
  }

  /** Writes the effect, then fails as told: the write must not survive. */
  private EventHandler failingAfterWrite(RuntimeException failure) {
    return (tx, event, where) ->
        recording().handle(tx, event, where).flatMap(done -> Uni.createFrom().failure(failure));
  }

  private long effects(CloudEvent event) {
    return db.count("select count(*) from effects where event_id = $1", event.id());
  }

  private long processed(CloudEvent event) {
    return db.count(
        "select count(*) from processed_events where consumer = $1 and event_id = $2",
        CONSUMER,
        UUID.fromString(event.id()));
  }

  private long nextOffset(ConsumerRecord<String, String> record) {
    List<Row> rows =
        db.rows(
            "select next_offset from consumer_progress where consumer = $1 and topic = $2"
                + " and kafka_partition = $3",
            CONSUMER,
            record.topic(),
            record.partition());
    return rows.isEmpty() ? -1 : rows.get(0).getLong(0);
  }

  private List<Row> deadLetters(ConsumerRecord<String, String> record) {
    return db.rows(
        "select * from dead_letters where consumer = $1 and topic = $2 and kafka_partition = $3"
            + " and kafka_offset = $4",
        CONSUMER,
        record.topic(),
        record.partition(),
        record.offset());
  }

  private static CloudEvent invoiceIssued(String tenant) {
    String invoiceId = UUID.randomUUID().toString();
    return events.seal(
        EventType.INVOICE_ISSUED,
        invoiceId,
        tenant,
        Events.DAY,
        InvoiceData.issued(invoiceId, tenant, "F-1", "2026-01-05", "2026-02-04", "1200.00"));
  }

  private static ConsumerRecord<String, String> delivered(CloudEvent event) {
    return Topics.roundTrip(event.type(), event.subject(), event.toJsonString());
  }

  @Test
  void a_redelivered_record_is_applied_once() {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record = delivered(event);

    await(consumer.apply(record, recording()));
    await(consumer.apply(record, recording()));

    assertThat(calls).hasValue(1);
    assertThat(effects(event)).isEqualTo(1);
    assertThat(processed(event)).isEqualTo(1);
    assertThat(nextOffset(record)).isGreaterThanOrEqualTo(record.offset() + 1);
    Row mark =
        db.rows(
                "select topic, kafka_partition, kafka_offset from processed_events"
                    + " where event_id = $1",
                UUID.fromString(event.id()))
            .get(0);
    assertThat(mark.getString("topic")).isEqualTo(record.topic());
    assertThat(mark.getInteger("kafka_partition")).isEqualTo(record.partition());
    assertThat(mark.getLong("kafka_offset")).isEqualTo(record.offset());
  }

  /**
   * Two deliveries of one record at the same time (a rebalance, a replay during a redelivery): both
   * handlers run, but the dedupe mark is written in the handler's transaction, so only one of the
   * two effects commits; the other transaction fails on the mark, is retried, and finds the record
   * applied.
   */
  @Test
  void two_deliveries_of_one_record_at_the_same_time_commit_one_effect() throws Exception {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record = delivered(event);
    CompletableFuture<Void> bothInside = new CompletableFuture<>();
    AtomicInteger inside = new AtomicInteger();
    EventHandler meetInside =
        (tx, e, where) -> {
          if (inside.incrementAndGet() == 2) {
            bothInside.complete(null);
          }
          return Uni.createFrom()
              .completionStage(bothInside)
              .flatMap(ready -> recording().handle(tx, e, where));
        };

    CompletableFuture<Void> first = consumer.apply(record, meetInside).subscribeAsCompletionStage();
    CompletableFuture<Void> second =
        consumer.apply(record, meetInside).subscribeAsCompletionStage();
    first.get(30, TimeUnit.SECONDS);
    second.get(30, TimeUnit.SECONDS);

    assertThat(calls).as("both handlers ran").hasValue(2);
    assertThat(effects(event)).as("one effect committed").isEqualTo(1);
    assertThat(processed(event)).isEqualTo(1);
    assertThat(deadLetters(record)).isEmpty();
  }

  @Test
  void a_failing_handler_rolls_back_its_writes_and_the_dedupe_mark_so_a_replay_applies_it() {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record = delivered(event);

    assertThatThrownBy(
            () ->
                await(
                    consumer.apply(
                        record,
                        failingAfterWrite(new InvalidEventException("no such debtor C-1")))))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("no such debtor C-1");

    assertThat(calls).as("a poison record is not retried").hasValue(1);
    assertThat(effects(event)).as("the handler's write rolled back").isZero();
    assertThat(processed(event)).as("no dedupe mark without the effect").isZero();
    List<Row> parked = deadLetters(record);
    assertThat(parked).hasSize(1);
    Row row = parked.get(0);
    assertThat(row.getString("reason")).isEqualTo("no such debtor C-1");
    assertThat(row.getString("status")).isEqualTo("OPEN");
    assertThat(row.getString("event_id")).isEqualTo(event.id());
    assertThat(row.getString("event_type")).isEqualTo("InvoiceIssued");
    assertThat(row.getString("tenant")).isEqualTo(event.tenant());
    assertThat(row.getString("subject")).isEqualTo(event.subject());
    assertThat(row.getString("record_key")).isEqualTo(record.key());
    assertThat(row.getString("record_value")).isEqualTo(record.value());
    assertThat(nextOffset(record)).as("the partition moves on").isEqualTo(record.offset() + 1);
    assertThat(await(consumer.countOpenDeadLetters())).isGreaterThanOrEqualTo(1);

    // the operator replays it once the cause is fixed: applied, once
    await(consumer.apply(record, recording()));
    await(consumer.apply(record, recording()));
    assertThat(effects(event)).isEqualTo(1);
    assertThat(processed(event)).isEqualTo(1);
  }

  /**
   * A transient failure (a concurrent writer, the database away) is retried in place for as long as
   * it lasts, more times than the attempts allowed for unknown failures, and never dead-lettered;
   * meanwhile the consumer says it is waiting.
   */
  @Test
  void a_transient_failure_is_retried_in_place_not_dead_lettered() {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record = delivered(event);
    AtomicLong retryingSeen = new AtomicLong(-1);
    EventHandler flaky =
        (tx, e, where) -> {
          if (calls.incrementAndGet() <= 5) {
            return Uni.createFrom()
                .failure(new ConcurrencyException(e.subject(), 1, 2)); // another writer won
          }
          retryingSeen.set(consumer.retrying());
          calls.decrementAndGet(); // counted by the recording handler below
          return recording().handle(tx, e, where);
        };

    await(consumer.apply(record, flaky));

    assertThat(calls).as("five transient failures, then success").hasValue(6);
    assertThat(retryingSeen).as("the wait was visible while it lasted").hasValue(1);
    assertThat(consumer.retrying()).isZero();
    assertThat(effects(event)).isEqualTo(1);
    assertThat(deadLetters(record)).isEmpty();
  }

  @Test
  void an_unknown_failure_is_retried_a_few_times_then_dead_lettered_with_its_reason() {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record = delivered(event);

    assertThatThrownBy(
            () ->
                await(
                    consumer.apply(
                        record, failingAfterWrite(new IllegalStateException("template missing")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("template missing");

    assertThat(calls).as("the configured three attempts").hasValue(3);
    assertThat(effects(event)).isZero();
    assertThat(processed(event)).isZero();
    assertThat(deadLetters(record))
        .singleElement()
        .satisfies(r -> assertThat(r.getString("reason")).isEqualTo("template missing"));
  }

  @Test
  void a_record_that_is_not_a_cloud_event_is_dead_lettered_at_once() {
    ConsumerRecord<String, String> record =
        Topics.roundTrip("InvoiceIssued", "k-" + UUID.randomUUID(), "this is not json");
    assertPoison(record, "not valid JSON");
    assertThat(deadLetters(record).get(0).getString("event_id")).isNull();
  }

  @Test
  void data_breaking_its_schema_is_dead_lettered_at_once() {
    String tenant = Events.tenant();
    String invoiceId = UUID.randomUUID().toString();
    ObjectNode data =
        InvoiceData.issued(invoiceId, tenant, "F-1", "2026-01-05", "2026-02-04", "1200.00");
    data.remove("amount");
    CloudEvent event = events.seal(EventType.INVOICE_ISSUED, invoiceId, tenant, Events.DAY, data);
    assertPoison(delivered(event), "breaks its schema");
  }

  @Test
  void a_record_whose_key_is_not_its_subject_is_dead_lettered_at_once() {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record =
        Topics.roundTrip(event.type(), UUID.randomUUID().toString(), event.toJsonString());
    assertPoison(record, "differs from subject");
  }

  /** Only the owner of a type may state it: a forged source is never applied. */
  @Test
  void an_event_whose_source_is_not_the_owner_of_its_type_is_dead_lettered_at_once() {
    CloudEvent genuine = invoiceIssued(Events.tenant());
    CloudEvent forged =
        HashChain.seal(
            new CloudEvent(
                genuine.specversion(),
                genuine.id(),
                genuine.type(),
                "dunning-service",
                genuine.subject(),
                genuine.time(),
                genuine.datacontenttype(),
                genuine.dataschema(),
                genuine.tenant(),
                genuine.businessdate(),
                genuine.sequence(),
                genuine.correlationid(),
                genuine.causationid(),
                genuine.prevhash(),
                null,
                genuine.data()));
    assertPoison(delivered(forged), "is not the owner of InvoiceIssued");
  }

  @Test
  void an_event_on_another_types_topic_is_dead_lettered_at_once() {
    CloudEvent event = invoiceIssued(Events.tenant());
    ConsumerRecord<String, String> record =
        Topics.roundTrip("PaymentReceived", event.subject(), event.toJsonString());
    assertPoison(record, "does not belong on topic PaymentReceived");
  }

  private void assertPoison(ConsumerRecord<String, String> record, String reason) {
    assertThatThrownBy(() -> await(consumer.apply(record, recording())))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining(reason);
    assertThat(calls).as("never handed to the handler").hasValue(0);
    assertThat(deadLetters(record))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getString("reason")).contains(reason);
              assertThat(r.getInteger("attempts")).isEqualTo(1);
              assertThat(r.getString("record_value")).isEqualTo(record.value());
            });
    assertThat(nextOffset(record)).as("the partition moves on").isEqualTo(record.offset() + 1);
  }

  /** Tenant events feed the consumer's tenant directory, never the service's handler. */
  @Test
  void a_tenant_registration_goes_to_the_tenant_directory_not_the_handler() {
    String tenant = Events.tenant();
    ObjectNode profile = Json.object().put("tenant", tenant).put("legalName", "Créancier SAS");
    profile.put("legalId", "552100554").put("country", "FR").put("timeZone", "Europe/Paris");
    profile.put("language", "fr").put("contactEmail", "a@b.example").put("registeredBy", "ops");
    profile
        .putObject("address")
        .put("postalCode", "75002")
        .put("city", "Paris")
        .put("country", "FR")
        .putArray("lines")
        .add("8 rue de la Paix");
    profile.putObject("signatory").put("name", "Claire Dubois").put("title", "DAF");
    CloudEvent registered =
        events.seal(EventType.TENANT_REGISTERED, tenant, tenant, LocalDate.now(), profile);

    await(consumer.apply(delivered(registered), recording()));

    assertThat(calls).hasValue(0);
    assertThat(await(new TenantDirectory(db.pool()).isRegistered(tenant))).isTrue();
    assertThat(processed(registered)).isEqualTo(1);
  }

  /**
   * A day waits for every record below its watermark, and a dead-lettered fact of the tenant below
   * it holds the tenant's day (never counted as applied); another tenant's day goes on.
   */
  @Test
  void a_watermark_is_reached_once_its_records_are_applied_and_not_past_an_open_dead_letter() {
    String tenant = Events.tenant();
    CloudEvent applied = invoiceIssued(tenant);
    ConsumerRecord<String, String> first = delivered(applied);
    String key = Watermark.key(first.topic(), first.partition());
    List<String> topics = List.of("InvoiceIssued");

    await(consumer.apply(first, recording()));
    assertThat(reached(Map.of(key, first.offset() + 1), topics, tenant)).isTrue();
    assertThat(reached(Map.of(key, first.offset() + 2), topics, tenant))
        .as("a record not applied yet")
        .isFalse();
    assertThat(reached(Map.of(key, first.offset() + 2), List.of("PaymentReceived"), tenant))
        .as("topics the consumer does not read are ignored")
        .isTrue();

    // a record of the tenant on the same partition is dead-lettered
    CloudEvent broken = invoiceIssued(tenant);
    ConsumerRecord<String, String> poison =
        Topics.roundTrip(broken.type(), "wrong-key", broken.toJsonString());
    assertThatThrownBy(() -> await(consumer.apply(poison, recording())))
        .isInstanceOf(InvalidEventException.class);
    String poisonKey = Watermark.key(poison.topic(), poison.partition());
    Map<String, Long> pastIt = Map.of(poisonKey, poison.offset() + 1);
    assertThat(reached(pastIt, topics, tenant)).as("held by the open dead letter").isFalse();
    assertThat(consumer.blockedTenants()).contains(tenant);
    assertThat(reached(pastIt, topics, Events.tenant())).as("another tenant's day").isTrue();

    db.execute(
        "update dead_letters set status = 'DISCARDED' where consumer = $1 and topic = $2"
            + " and kafka_partition = $3 and kafka_offset = $4",
        CONSUMER,
        poison.topic(),
        poison.partition(),
        poison.offset());
    assertThat(reached(pastIt, topics, tenant)).as("the operator discarded it").isTrue();
    assertThat(consumer.blockedTenants()).doesNotContain(tenant);
  }

  private boolean reached(Map<String, Long> watermark, List<String> topics, String tenant) {
    return await(consumer.reached(db.pool(), new Watermark(watermark), topics, tenant));
  }

  /**
   * An InvoiceIssued as invoice-service stores and publishes it: appended to an event store (which
   * seals the debtor's contact data under the debtor's key), the stored envelope as it is.
   */
  private static CloudEvent sealedInvoiceIssued(String tenant, String debtorId) {
    String invoiceId = UUID.randomUUID().toString();
    ObjectNode data =
        InvoiceData.issued(invoiceId, tenant, "F-7", "2026-01-05", "2026-02-04", "1200.00");
    ((ObjectNode) data.get("debtor")).put("id", debtorId).put("phone", "+33 6 12 34 56 78");
    var store =
        new org.relance.platform.eventstore.EventStore(
            "invoice-service", 262144, db.personalData());
    await(
        db.pool()
            .withTransaction(
                tx ->
                    store.append(
                        tx,
                        invoiceId,
                        0,
                        List.of(
                            Events.pending(
                                UUID.randomUUID(),
                                EventType.INVOICE_ISSUED,
                                invoiceId,
                                data,
                                tenant)))));
    return CloudEvent.parse(
        db.rows("select envelope::text from event_store where stream_id = $1", invoiceId)
            .get(0)
            .getString(0));
  }

  /**
   * The handler reads the debtor's contact data opened; the record it is given to store (a proof, a
   * dead letter, a parked request) is still the sealed one that came from the broker.
   */
  @Test
  void a_sealed_event_reaches_the_handler_opened_and_its_record_stays_sealed() {
    String debtorId = "D-" + UUID.randomUUID().toString().substring(0, 8);
    CloudEvent sealed = sealedInvoiceIssued(Events.tenant(), debtorId);
    assertThat(PersonalDataSeal.disclosure(sealed)).isEqualTo(PersonalDataSeal.Disclosure.SEALED);
    ConsumerRecord<String, String> record = delivered(sealed);
    java.util.concurrent.atomic.AtomicReference<CloudEvent> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<ConsumedRecord> seenWhere =
        new java.util.concurrent.atomic.AtomicReference<>();

    await(
        consumer.apply(
            record,
            (tx, event, where) -> {
              seen.set(event);
              seenWhere.set(where);
              return recording().handle(tx, event, where);
            }));

    CloudEvent opened = seen.get();
    assertThat(PersonalDataSeal.disclosure(opened)).isEqualTo(PersonalDataSeal.Disclosure.CLEAR);
    assertThat(opened.data().at("/debtor/email").asText()).isEqualTo("compta@dupont.example");
    assertThat(opened.data().at("/debtor/phone").asText()).isEqualTo("+33 6 12 34 56 78");
    assertThat(opened.hash()).isEqualTo(sealed.hash());
    assertThat(seenWhere.get().value()).isEqualTo(record.value());
    assertThat(record.value()).doesNotContain("compta@dupont.example", "+33 6 12 34 56 78");
    assertThat(PersonalDataSeal.disclosure(CloudEvent.parse(seenWhere.get().value())))
        .isEqualTo(PersonalDataSeal.Disclosure.SEALED);
    assertThat(effects(sealed)).isEqualTo(1);
    assertThat(processed(sealed)).isEqualTo(1);
  }

  /**
   * A ciphertext the subject's key does not open (tampered, or moved from another event) is a
   * forged or damaged record: dead-lettered at once, not retried, and never handed to the handler.
   */
  @Test
  void a_tampered_ciphertext_is_dead_lettered_at_once() {
    CloudEvent sealed =
        sealedInvoiceIssued(Events.tenant(), "D-" + UUID.randomUUID().toString().substring(0, 8));
    ObjectNode data = ((ObjectNode) sealed.data()).deepCopy();
    ObjectNode block = (ObjectNode) data.get("personal");
    String ciphertext = block.get("ciphertext").asText();
    int middle = ciphertext.length() / 2;
    char flipped = ciphertext.charAt(middle) == 'A' ? 'B' : 'A';
    block.put(
        "ciphertext", ciphertext.substring(0, middle) + flipped + ciphertext.substring(middle + 1));
    // the hash recomputed, so that only the seal itself is wrong
    CloudEvent tampered = HashChain.seal(sealed.withData(data));

    assertPoison(delivered(tampered), "does not open with its subject's key");
    assertThat(processed(tampered)).isZero();
  }
}
