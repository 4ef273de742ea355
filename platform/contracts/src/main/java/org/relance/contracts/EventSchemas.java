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

  private static final Map<EventType, JsonSchema> V1 = new EnumMap<>(EventType.class);

  static {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    for (EventType type : EventType.values()) {
      String resource = type.schemaResource(1);
      try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing schema " + resource);
        }
        V1.put(type, factory.getSchema(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private EventSchemas() {}

  /** The faults of {@code data}, each as "path: message"; empty when valid. */
  public static List<String> faults(EventType type, JsonNode data) {
    return V1.get(type).validate(data).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /** Checks an event's type, schema version and data; throws with every fault when invalid. */
  public static void check(CloudEvent event) {
    EventType type = event.eventType();
    if (!type.dataschema().equals(event.dataschema())) {
      throw new InvalidEventException(
          "dataschema "
              + event.dataschema()
              + " is not supported for "
              + type.typeName()
              + " (expected "
              + type.dataschema()
              + ")");
    }
    List<String> faults = faults(type, event.data());
    if (!faults.isEmpty()) {
      throw new InvalidEventException(
          type.typeName() + " data breaks its schema: " + String.join("; ", faults));
    }
  }
}
