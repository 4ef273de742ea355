package org.relance.testkit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The end offset of every partition of some topics, as "topic-partition" keys. */
final class EndOffsets {

  private EndOffsets() {}

  static Map<String, Long> of(Admin admin, Collection<String> topics) {
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              request.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<String, Long> offsets = new HashMap<>();
      admin
          .listOffsets(request)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> offsets.put(tp.topic() + "-" + tp.partition(), info.offset()));
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException("could not read end offsets", e);
    }
  }
}
