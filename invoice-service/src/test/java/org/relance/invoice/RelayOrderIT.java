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

  private List<ConsumerRecord<String, String>> ticksOf(String... tenants) {
    List<String> wanted = List.of(tenants);
    return new TopicReader(bootstrap)
        .readAll(List.of("DayStarted")).stream().filter(r -> wanted.contains(r.key())).toList();
  }

  private static PendingEvent tick(String tenant) {
    var data =
        Json.object().put("tenant", tenant).put("date", "2026-01-06").put("zone", "Europe/Paris");
    return new PendingEvent(
        UUID.randomUUID(),
        EventType.DAY_STARTED,
        tenant,
        data,
        tenant,
        LocalDate.parse("2026-01-06"),
        null,
        null);
  }
}
