package org.relance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;

/** A service's projections rebuilt from the topics at offset 0, as an operator would do it. */
final class Rebuild {

  private Rebuild() {}

  /**
   * Stops the service, truncates its projections, processed-event ids and partition progress,
   * deletes its consumer group (so it reads every topic from offset 0), starts it again, and waits
   * until {@code snapshotSql} answers what it answered before; asserts that the rebuild appended no
   * new event.
   */
  static void fromTopics(
      Stack stack, String service, List<String> projections, String snapshotSql, Duration wait) {
    List<Map<String, Object>> before = Db.rows(service, snapshotSql);
    List<Map<String, Object>> decisionsBefore =
        Db.rows(service, "select event_id, hash from event_store order by position");
    assertThat(before).isNotEmpty();

    stack.kill(service);
    Db.execute(
        service,
        "truncate " + String.join(", ", projections) + ", processed_events, consumer_progress");
    deleteConsumerGroup(stack, service);
    stack.start(service);

    Awaitility.await()
        .atMost(wait)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(Db.rows(service, snapshotSql)).isEqualTo(before));
    assertThat(Db.rows(service, "select event_id, hash from event_store order by position"))
        .as("a rebuild decides nothing new")
        .isEqualTo(decisionsBefore);
  }

  private static void deleteConsumerGroup(Stack stack, String group) {
    // an administrator's act: the broker's admin principal
    try (Admin admin =
        Admin.create(
            org.relance.testkit.KafkaUsers.props(
                stack.bootstrap(), org.relance.testkit.KafkaUsers.ADMIN))) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () -> {
                admin.deleteConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS);
                return true;
              });
    }
  }
}
