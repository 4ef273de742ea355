package org.relance.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured mode, with Relance's extension attributes. Extension names
 * are lowercase letters and digits only, as the specification requires.
 *
 * <p>The envelope is immutable once appended: it is hashed whole (see {@link HashChain}), stored as
 * written and published byte for byte, so the evidence file rebuilt from the topics is the one each
 * producer sealed.
 *
 * @param id producer-set UUID, the consumers' dedupe key
 * @param subject the Kafka key (invoice id, debtor id or tenant)
 * @param time the instant the producer recorded the event (UTC, ISO-8601)
 * @param businessdate the business date of the producer when it recorded the event
 * @param sequence version of the event in its stream (source, subject), from 1
 * @param prevhash hash of the previous event of the stream, 64 zeros for the first
 * @param extensions attributes this version does not know (a newer producer's extensions), kept so
 *     that the event still hashes as its producer sealed it; null when there are none
 */
public record CloudEvent(
    String specversion,
    String id,
    String type,
    String source,
    String subject,
    String time,
    String datacontenttype,
    String dataschema,
    String tenant,
    String businessdate,
    String sequence,
    String correlationid,
    String causationid,
    String prevhash,
    String hash,
    JsonNode data,
    ObjectNode extensions) {

  /** An event with only the attributes this version knows. */
  public CloudEvent(
      String specversion,
      String id,
      String type,
      String source,
      String subject,
      String time,
      String datacontenttype,
      String dataschema,
      String tenant,
      String businessdate,
      String sequence,
      String correlationid,
      String causationid,
      String prevhash,
      String hash,
      JsonNode data) {
    this(
        specversion,
        id,
        type,
        source,
        subject,
        time,
        datacontenttype,
        dataschema,
        tenant,
        businessdate,
        sequence,
        correlationid,
        causationid,
        prevhash,
        hash,
        data,
        null);
  }

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/cloudevents+json";
  public static final String DATA_CONTENT_TYPE = "application/json";

  private static final java.util.Set<String> KNOWN =
      java.util.Set.of(
          "specversion",
          "id",
          "type",
          "source",
          "subject",
          "time",
          "datacontenttype",
          "dataschema",
          "tenant",
          "businessdate",
          "sequence",
          "correlationid",
          "causationid",
          "prevhash",
          "hash",
          "data");

  private static final List<String> REQUIRED =
      List.of(
          "specversion",
          "id",
          "type",
          "source",
          "subject",
          "time",
          "datacontenttype",
          "dataschema",
          "tenant",
          "businessdate",
          "sequence",
          "prevhash",
          "hash");

  public long sequenceNumber() {
    return Long.parseLong(sequence);
  }

  /** The envelope as JSON, attributes that are null left out (CloudEvents optional attributes). */
  public ObjectNode toJson() {
    ObjectNode node = withoutHash();
    if (hash != null) {
      node.put("hash", hash);
    }
    return node;
  }

  /** The envelope without {@code hash}: what the hash is computed over. */
  public ObjectNode withoutHash() {
    ObjectNode node = Json.object();
    put(node, "specversion", specversion);
    put(node, "id", id);
    put(node, "type", type);
    put(node, "source", source);
    put(node, "subject", subject);
    put(node, "time", time);
    put(node, "datacontenttype", datacontenttype);
    put(node, "dataschema", dataschema);
    put(node, "tenant", tenant);
    put(node, "businessdate", businessdate);
    put(node, "sequence", sequence);
    put(node, "correlationid", correlationid);
    put(node, "causationid", causationid);
    put(node, "prevhash", prevhash);
    if (data != null) {
      node.set("data", data);
    }
    if (extensions != null) {
      extensions.fields().forEachRemaining(e -> node.set(e.getKey(), e.getValue()));
    }
    return node;
  }

  public String toJsonString() {
    return Json.write(toJson());
  }

  public CloudEvent withHash(String newHash) {
    return new CloudEvent(
        specversion,
        id,
        type,
        source,
        subject,
        time,
        datacontenttype,
        dataschema,
        tenant,
        businessdate,
        sequence,
        correlationid,
        causationid,
        prevhash,
        newHash,
        data,
        extensions);
  }

  /** The same envelope carrying other data (its hash is kept: re-seal it if the data changed). */
  public CloudEvent withData(JsonNode newData) {
    return new CloudEvent(
        specversion,
        id,
        type,
        source,
        subject,
        time,
        datacontenttype,
        dataschema,
        tenant,
        businessdate,
        sequence,
        correlationid,
        causationid,
        prevhash,
        hash,
        newData,
        extensions);
  }

  /**
   * Reads a structured-mode event and checks its envelope (not its data: see {@link EventSchemas}).
   *
   * @throws InvalidEventException naming every missing or malformed attribute
   */
  public static CloudEvent parse(String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidEventException("empty record value");
    }
    JsonNode node = Json.parse(json);
    if (!node.isObject()) {
      throw new InvalidEventException("a CloudEvent must be a JSON object");
    }
    List<String> faults = new ArrayList<>();
    for (String attribute : REQUIRED) {
      JsonNode value = node.get(attribute);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        faults.add(attribute + ": missing or not a string");
      }
    }
    if (node.hasNonNull("specversion") && !SPEC_VERSION.equals(node.get("specversion").asText())) {
      faults.add("specversion: must be 1.0");
    }
    if (node.hasNonNull("sequence") && !node.get("sequence").asText().matches("[1-9][0-9]*")) {
      faults.add("sequence: must be a positive integer as a string");
    }
    if (!node.hasNonNull("data") || !node.get("data").isObject()) {
      faults.add("data: missing or not an object");
    }
    if (!faults.isEmpty()) {
      throw new InvalidEventException("invalid CloudEvent: " + String.join("; ", faults));
    }
    return new CloudEvent(
        text(node, "specversion"),
        text(node, "id"),
        text(node, "type"),
        text(node, "source"),
        text(node, "subject"),
        text(node, "time"),
        text(node, "datacontenttype"),
        text(node, "dataschema"),
        text(node, "tenant"),
        text(node, "businessdate"),
        text(node, "sequence"),
        text(node, "correlationid"),
        text(node, "causationid"),
        text(node, "prevhash"),
        text(node, "hash"),
        node.get("data"),
        unknown(node));
  }

  private static ObjectNode unknown(JsonNode node) {
    ObjectNode extra = Json.object();
    node.fields()
        .forEachRemaining(
            e -> {
              if (!KNOWN.contains(e.getKey())) {
                extra.set(e.getKey(), e.getValue());
              }
            });
    return extra.isEmpty() ? null : extra;
  }

  /** The recorded time as an instant (for ordering: the text of two instants may not sort). */
  public java.time.Instant instant() {
    return java.time.Instant.parse(time);
  }

  /** The format producers write {@code time} in: UTC, always with milliseconds. */
  public static String formatTime(java.time.Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(instant);
  }

  public EventType eventType() {
    return EventType.byName(type)
        .orElseThrow(() -> new InvalidEventException("unknown event type: " + type));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudEvent other && Objects.equals(toJson(), other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }
}
