package org.relance.notification.reminder.persistence;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.contracts.personal.PersonalFields;

/**
 * Strips the personal values a kept envelope holds in the clear: a request published before its
 * type was sealed (schema version 1). A sealed envelope holds none (its values are ciphertext that
 * the erased key no longer opens) and comes back unchanged.
 */
final class ClearValues {

  private ClearValues() {}

  /** The envelope (a CloudEvent as JSON) without the clear values of its type's personal fields. */
  static JsonNode stripped(JsonNode envelope) {
    JsonNode type = envelope.path("type");
    JsonNode data = envelope.path("data");
    if (!type.isTextual() || !data.isObject()) {
      return envelope;
    }
    var eventType = EventType.byName(type.asText());
    if (eventType.isEmpty()) {
      return envelope;
    }
    ObjectNode copy = envelope.deepCopy();
    ObjectNode copyData = (ObjectNode) copy.get("data");
    for (String pointer : PersonalFields.of(eventType.get())) {
      JsonPointer p = JsonPointer.compile(pointer);
      JsonNode parent = copyData.at(p.head());
      if (parent instanceof ObjectNode object) {
        object.remove(p.last().getMatchingProperty());
      }
    }
    return copy;
  }

  static String stripped(String envelope) {
    return Json.write(stripped(Json.parse(envelope)));
  }
}
