package org.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.relay.Watermark;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.TopicReader;

/**
 * The relay against transactions that commit out of order: a plain position cursor would publish
 * the later transaction's event and then skip the earlier one's for ever.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class RelayOrderIT {

  @Inject Pool pool;

  @Inject EventStore store;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @Test
  void an_event_committed_late_by_an_earlier_transaction_is_published_first_and_never_skipped()
      throws Exception {
    String tenantA = "relay-a-" + UUID.randomUUID().toString().substring(0, 8);
    String tenantB = "relay-b-" + UUID.randomUUID().toString().substring(0, 8);
    SqlConnection a = pool.getConnection().await().indefinitely();
    SqlConnection b = pool.getConnection().await().indefinitely();
    try {
      Transaction txA = a.begin().await().indefinitely();
      store.append(a, tenantA, 0, List.of(tick(tenantA))).await().indefinitely();
      Transaction txB = b.begin().await().indefinitely();
      store.append(b, tenantB, 0, List.of(tick(tenantB))).await().indefinitely();
      txB.commit().await().indefinitely();

      Thread.sleep(1500); // several relay passes while A is still open
      assertThat(ticksOf(tenantA, tenantB))
          .as("nothing may pass an open earlier transaction")
          .isEmpty();

      txA.commit().await().indefinitely();
      new TopicReader(bootstrap)
          .await("DayStarted", e -> e.tenant().equals(tenantB), 1, Duration.ofSeconds(20));
      List<ConsumerRecord<String, String>> published = ticksOf(tenantA, tenantB);
      assertThat(published).extracting(ConsumerRecord::key).containsExactly(tenantA, tenantB);
      assertThat(published.get(0).headers().lastHeader(Watermark.HEADER))
          .as("a tick carries the watermark of the producer's other topics")
          .isNotNull();
      var watermark =
          Watermark.fromHeader(published.get(0).headers().lastHeader(Watermark.HEADER).value());
      assertThat(watermark.endOffsets())
          .containsKeys("InvoiceIssued-0", "PaymentReceived-2", "DueDatePassed-1");
    } finally {
      a.close().await().indefinitely();
      b.close().await().indefinitely();
    }
  }

  /**
   * Transaction ids gain a digit (…999 to …000): the relay still publishes in commit order, each
   * event once. Sorting them as text ("100000" before "99999") sent its cursor backwards and
   * published the same events again.
   */
  @Test
  void events_of_transactions_whose_ids_gain_a_digit_are_published_in_order_and_once() {
    String tenant = "digits-" + UUID.randomUUID().toString().substring(0, 8);
    long next = xid() + 1;
    long power = 1;
    while (power <= next) {
      power *= 10;
    }
    burnTransactionIds(power - next - 6); // the ticks below take ids from about power - 5 on
    for (int day = 0; day < 10; day++) {
      PendingEvent tick = tick(tenant, LocalDate.parse("2026-01-06").plusDays(day));
      pool.withTransaction(tx -> store.append(tx, tenant, EventStore.ANY_VERSION, List.of(tick)))
          .await()
          .atMost(Duration.ofSeconds(10));
    }
    assertThat(xid()).as("the ticks' transactions crossed " + power).isGreaterThan(power);

    new TopicReader(bootstrap)
        .await(
            "DayStarted",
            e -> e.tenant().equals(tenant) && e.businessdate().equals("2026-01-15"),
            1,
            Duration.ofSeconds(30));
    List<String> dates =
        ticksOf(tenant).stream()
            .map(r -> Json.parse(r.value()).path("businessdate").asText())
            .toList();
    assertThat(dates)
        .containsExactly(
            "2026-01-06",
            "2026-01-07",
            "2026-01-08",
            "2026-01-09",
            "2026-01-10",
            "2026-01-11",
            "2026-01-12",
            "2026-01-13",
            "2026-01-14",
            "2026-01-15");
  }

  private long xid() {
    return pool.query("select pg_current_xact_id()::text::bigint")
        .execute()
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong(0);
  }

  /** Uses up transaction ids fast: one subtransaction that writes takes one. */
  private void burnTransactionIds(long count) {
    if (count <= 0) {
      return;
    }
    pool.withConnection(
            c ->
                c.query("create temporary table if not exists xid_burner (n bigint)")
                    .execute()
                    .flatMap(
                        v ->
                            c.query(
                                    "do $$ begin for i in 1.."
                                        + count
                                        + " loop begin insert into xid_burner values (i);"
                                        + " exception when others then null; end; end loop; end $$")
                                .execute()))
        .await()
        .atMost(Duration.ofMinutes(2));
  }

  private List<ConsumerRecord<String, String>> ticksOf(String... tenants) {
    List<String> wanted = List.of(tenants);
    return new TopicReader(bootstrap)
        .readAll(List.of("DayStarted")).stream().filter(r -> wanted.contains(r.key())).toList();
  }

  private static PendingEvent tick(String tenant) {
    return tick(tenant, LocalDate.parse("2026-01-06"));
  }

  private static PendingEvent tick(String tenant, LocalDate date) {
    var data =
        Json.object()
            .put("tenant", tenant)
            .put("date", date.toString())
            .put("zone", "Europe/Paris");
    return new PendingEvent(
        UUID.randomUUID(), EventType.DAY_STARTED, tenant, data, tenant, date, null, null);
  }
}
