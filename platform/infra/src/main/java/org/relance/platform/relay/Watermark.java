package org.relance.platform.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.relance.contracts.Json;

/**
 * Where the producer's records stood, per topic partition, when it published a clock tick: every
 * record it produced before the tick is below these offsets. It travels in the tick's Kafka header
 * {@value #HEADER} (not in the event, whose hash is sealed before the offsets are known).
 *
 * @param endOffsets "topic-partition" to the offset after the last record the relay published there
 *     (not the partition's end offset: transaction markers take offsets that a read_committed
 *     consumer never receives, so its progress could never reach them)
 */
public record Watermark(Map<String, Long> endOffsets) {

  public static final String HEADER = "relance-watermark";

  public Watermark {
    endOffsets = Map.copyOf(endOffsets);
  }

  public static String key(String topic, int partition) {
    return topic + "-" + partition;
  }

  public byte[] toHeader() {
    ObjectNode node = Json.object();
    new TreeMap<>(endOffsets).forEach(node::put);
    return Json.write(node).getBytes(StandardCharsets.UTF_8);
  }

  public static Watermark fromHeader(byte[] header) {
    if (header == null) {
      return new Watermark(Map.of());
    }
    JsonNode node = Json.parse(new String(header, StandardCharsets.UTF_8));
    Map<String, Long> offsets = new TreeMap<>();
    node.fields().forEachRemaining(e -> offsets.put(e.getKey(), e.getValue().asLong()));
    return new Watermark(offsets);
  }

  /** The part of the watermark about the given topics. */
  public Watermark restrictedTo(java.util.Collection<String> topics) {
    Map<String, Long> kept = new TreeMap<>();
    endOffsets.forEach(
        (tp, offset) -> {
          String topic = tp.substring(0, tp.lastIndexOf('-'));
          if (topics.contains(topic)) {
            kept.put(tp, offset);
          }
        });
    return new Watermark(kept);
  }
}
