package org.relance.contracts.personal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relance.contracts.EventType;

/**
 * Derives version 2 of a schema from version 1 and {@link PersonalFields}: each personal field is
 * forbidden in the clear (its values travel in the block), and the block is declared. {@code
 * PersonalSchemaTest} checks the files under {@code schemas/v2} are exactly this derivation; run
 * {@link #main} (from the module folder) to write them after a change.
 */
final class SchemaV2 {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SchemaV2() {}

  static ObjectNode derive(EventType type, JsonNode v1) {
    ObjectNode v2 = v1.deepCopy();
    v2.put("$id", type.dataschema(2));
    v2.put(
        "description",
        v1.path("description").asText()
            + " Version 2: the personal fields travel encrypted in `personal`"
            + " (docs/personal-data.md).");
    for (String pointer : PersonalFields.of(type)) {
      JsonPointer path = JsonPointer.compile(pointer);
      ObjectNode holder = v2;
      for (JsonPointer step = path; step.tail() != null && !step.tail().matches(); ) {
        holder = (ObjectNode) holder.get("properties").get(step.getMatchingProperty());
        step = step.tail();
      }
      String field = path.last().getMatchingProperty();
      ObjectNode forbidden = MAPPER.createObjectNode();
      forbidden.put("type", "null");
      forbidden.put(
          "description",
          "personal data: never in the clear; a value travels in `personal`, null stays here");
      ((ObjectNode) holder.get("properties")).set(field, forbidden);
      if (holder.get("required") instanceof ArrayNode required) {
        for (int i = required.size() - 1; i >= 0; i--) {
          if (required.get(i).asText().equals(field)) {
            required.remove(i);
          }
        }
      }
    }
    ObjectNode block = ((ObjectNode) v2.get("properties")).putObject(PersonalFields.BLOCK);
    block.put("type", "object");
    block.put(
        "description",
        "The personal values of this event, encrypted under the data subject's key: a JSON object"
            + " of the values by JSON pointer, AES-256-GCM (Tink AEAD), bound to tenant, type,"
            + " event id and subject. Absent when the event has no personal value.");
    block.put("additionalProperties", false);
    block.putArray("required").add("subject").add("generation").add("ciphertext");
    ObjectNode props = block.putObject("properties");
    props
        .putObject("subject")
        .put("type", "string")
        .put("minLength", 1)
        .put("description", "the data subject: the debtor's id within the tenant");
    props
        .putObject("generation")
        .put("type", "integer")
        .put("minimum", 1)
        .put("description", "which of the subject's keys: a new one after an erasure");
    props
        .putObject("ciphertext")
        .put("type", "string")
        .put("minLength", 1)
        .put("contentEncoding", "base64");
    return v2;
  }

  static Path file(Path resources, EventType type) {
    return resources.resolve(type.schemaResource(2));
  }

  public static void main(String[] args) throws IOException {
    Path resources = Path.of("src/main/resources");
    for (EventType type : EventType.values()) {
      if (!PersonalFields.any(type)) {
        continue;
      }
      JsonNode v1 = MAPPER.readTree(resources.resolve(type.schemaResource(1)).toFile());
      Path out = file(resources, type);
      Files.createDirectories(out.getParent());
      Files.writeString(out, MAPPER.writeValueAsString(derive(type, v1)) + "\n");
    }
  }
}
