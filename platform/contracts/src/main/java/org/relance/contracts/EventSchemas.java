package org.relance.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates event data against the JSON Schema of its type and version. Producers validate before
 * appending (a contract break fails loudly at the source); consumers validate on receipt and send
 * what fails to their dead-letter topic.
 */
public final class EventSchemas {

  /** Every version of every type's schema, by type, version 1 first. */
  private static final Map<EventType, List<JsonSchema>> VERSIONS = new EnumMap<>(EventType.class);

  static {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    for (EventType type : EventType.values()) {
      List<JsonSchema> versions = new java.util.ArrayList<>();
      for (int version = EventType.FIRST_VERSION; version <= type.currentVersion(); version++) {
        String resource = type.schemaResource(version);
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("missing schema " + resource);
          }
          versions.add(factory.getSchema(in));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      VERSIONS.put(type, List.copyOf(versions));
    }
  }

  private EventSchemas() {}

  /** The faults of {@code data} against the type's current version; empty when valid. */
  public static List<String> faults(EventType type, JsonNode data) {
    return faults(type, type.currentVersion(), data);
  }

  /** The faults of {@code data} against one version of the type's schema, as "path: message". */
  public static List<String> faults(EventType type, int version, JsonNode data) {
    return VERSIONS.get(type).get(version - EventType.FIRST_VERSION).validate(data).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /**
   * The version an event's {@code dataschema} names, if this build reads it: any version from the
   * first to the type's current one.
   */
  public static java.util.OptionalInt version(CloudEvent event) {
    EventType type = event.eventType();
    for (int version = EventType.FIRST_VERSION; version <= type.currentVersion(); version++) {
      if (type.dataschema(version).equals(event.dataschema())) {
        return java.util.OptionalInt.of(version);
      }
    }
    return java.util.OptionalInt.empty();
  }

  /** Checks an event's type, schema version and data; throws with every fault when invalid. */
  public static void check(CloudEvent event) {
    EventType type = event.eventType();
    java.util.OptionalInt version = version(event);
    if (version.isEmpty()) {
      throw new InvalidEventException(
          "dataschema "
              + event.dataschema()
              + " is not supported for "
              + type.typeName()
              + " (expected "
              + (type.currentVersion() == EventType.FIRST_VERSION
                  ? type.dataschema()
                  : type.dataschema(EventType.FIRST_VERSION) + " to " + type.dataschema())
              + ")");
    }
    List<String> faults = faults(type, version.getAsInt(), event.data());
    if (!faults.isEmpty()) {
      throw new InvalidEventException(
          type.typeName() + " data breaks its schema: " + String.join("; ", faults));
    }
  }
}
