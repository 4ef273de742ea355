package org.relance.platform.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.relance.contracts.Json;

/**
 * How far a relay has published, committed in the same Kafka transaction as the records it covers
 * (as Kafka Connect's exactly-once source connectors commit their offsets, KIP-618): after a crash
 * the relay reads it back with {@code read_committed} and resumes exactly after the last committed
 * transaction, so no event is published twice and none is skipped.
 *
 * @param txId the event store's transaction id of the last published event ({@code xid8} as text)
 * @param position the event store position of the last published event
 * @param nextOffsets "topic-partition" to the offset after the last record this relay published
 *     there: the clock watermark, which transaction markers (offsets no consumer receives) cannot
 *     push out of a consumer's reach
 */
public record RelayCheckpoint(String txId, long position, Map<String, Long> nextOffsets) {

  /**
   * The compacted topic of one service's relay checkpoints, keyed by transactional id. One topic
   * per service, not one for all: a read_committed reader sees no further than the first open
   * transaction of its partition, and only the service's own relay writes here, so once its {@code
   * initTransactions} has settled its own last transaction, the newest checkpoint is readable (a
   * shared topic would hide it behind another service's open or dead transaction).
   */
  public static String topic(String service) {
    return org.relance.contracts.EventType.checkpointTopic(service);
  }

  public static final RelayCheckpoint START = new RelayCheckpoint("0", 0, Map.of());

  public RelayCheckpoint {
    nextOffsets = Map.copyOf(nextOffsets);
  }

  public RelayCheckpoint after(String txId, long position, Map<String, Long> nextOffsets) {
    return new RelayCheckpoint(txId, position, nextOffsets);
  }

  public String toJson() {
    ObjectNode node = Json.object();
    node.put("txId", txId);
    node.put("position", position);
    ObjectNode offsets = node.putObject("nextOffsets");
    new TreeMap<>(nextOffsets).forEach(offsets::put);
    return Json.write(node);
  }

  public static RelayCheckpoint fromJson(String json) {
    JsonNode node = Json.parse(json);
    Map<String, Long> offsets = new TreeMap<>();
    node.path("nextOffsets")
        .fields()
        .forEachRemaining(e -> offsets.put(e.getKey(), e.getValue().asLong()));
    return new RelayCheckpoint(
        node.path("txId").asText("0"), node.path("position").asLong(), offsets);
  }
}
