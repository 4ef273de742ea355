package org.relance.contracts.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.relance.contracts.EventType;
import org.relance.contracts.personal.PersonalFields;

/**
 * The fields of an event type's {@code data} as its JSON Schema declares them, flattened the way
 * docs/events.md lists them: {@code debtor.email} for a field of a nested object, {@code
 * stepsTaken[].step} for a field of the objects of an array.
 *
 * <p>For a type with personal fields ({@link PersonalFields}), the tables describe the data as a
 * reader sees it once opened: the fields of version 1 (the clear shape the contract records hold),
 * and the {@code personal} block of the current version. Version 2 itself only differs in allowing
 * nothing but {@code null} at the personal fields, which {@code PersonalSchemaTest} pins.
 */
final class SchemaFields {

  /** The string patterns the catalogue names, and the word the field tables use for each. */
  static final Map<String, String> REFINEMENTS =
      Map.of(
          "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "UUID",
          "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "date",
          "^[0-9]{4}-[0-9]{2}-[0-9]{2}T.+Z$", "UTC instant",
          "^[0-9]{1,15}(\\.[0-9]{1,4})?$", "decimal",
          "^-?[0-9]{1,15}(\\.[0-9]{1,4})?$", "signed decimal",
          "^[0-9]{1,3}(\\.[0-9]{1,6})?$", "percent",
          "^-?[0-9]{1,3}(\\.[0-9]{1,6})?$", "signed percent",
          "^[A-Z]{3}$", "ISO 4217",
          "^[0-9a-f]{64}$", "64 hex");

  /**
   * What a field may hold: its kinds ({@code string}, {@code integer}, {@code number}, {@code
   * boolean}, {@code object}, {@code array}, {@code enum}, {@code null}), the values of an enum,
   * the kinds of an array's items and the refinement of a string (one of {@link #REFINEMENTS}'
   * words, or null).
   */
  record Shape(
      Set<String> kinds, Set<String> enumValues, Set<String> itemKinds, String refinement) {}

  record Field(String path, boolean required, Shape shape) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaFields() {}

  static JsonNode schema(EventType type) {
    return schema(type, type.currentVersion());
  }

  static JsonNode schema(EventType type, int version) {
    String resource = type.schemaResource(version);
    try (InputStream in = SchemaFields.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no schema " + resource + " on the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every field of the type's data as docs/events.md documents it, nested ones included, in schema
   * order: those of version 1, then the {@code personal} block of the current version if the type
   * has one.
   */
  static Map<String, Field> of(EventType type) {
    Map<String, Field> fields = new LinkedHashMap<>();
    flatten("", schema(type, EventType.FIRST_VERSION), fields);
    if (PersonalFields.any(type)) {
      Map<String, Field> current = new LinkedHashMap<>();
      flatten("", schema(type), current);
      current.forEach(
          (path, field) -> {
            if (path.equals(PersonalFields.BLOCK) || path.startsWith(PersonalFields.BLOCK + ".")) {
              fields.put(path, field);
            }
          });
    }
    return fields;
  }

  /** The personal fields of a type, as the tables name them ({@code debtor.email}). */
  static List<String> personal(EventType type) {
    return PersonalFields.of(type).stream().map(p -> p.substring(1).replace('/', '.')).toList();
  }

  private static void flatten(String prefix, JsonNode object, Map<String, Field> into) {
    Set<String> required = new HashSet<>();
    object.path("required").forEach(r -> required.add(r.asText()));
    Iterator<Map.Entry<String, JsonNode>> properties = object.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String path = prefix + property.getKey();
      JsonNode schema = property.getValue();
      into.put(path, new Field(path, required.contains(property.getKey()), shape(schema)));
      for (JsonNode branch : branches(schema)) {
        if (branch.has("properties")) {
          flatten(path + ".", branch, into);
        }
        JsonNode items = branch.path("items");
        for (JsonNode item : branches(items)) {
          if (item.has("properties")) {
            flatten(path + "[].", item, into);
          }
        }
      }
    }
  }

  /** The schema itself and the branches of its {@code anyOf} / {@code oneOf}. */
  private static List<JsonNode> branches(JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    if (schema.isMissingNode() || schema.isNull()) {
      return all;
    }
    all.add(schema);
    for (String combinator : List.of("anyOf", "oneOf")) {
      schema.path(combinator).forEach(b -> all.addAll(branches(b)));
    }
    return all;
  }

  static Shape shape(JsonNode schema) {
    Set<String> kinds = new TreeSet<>();
    Set<String> values = new TreeSet<>();
    Set<String> itemKinds = new TreeSet<>();
    String refinement = null;
    for (JsonNode branch : branches(schema)) {
      boolean enumerated = branch.has("enum") || branch.has("const");
      if (enumerated) {
        List<JsonNode> listed = new ArrayList<>();
        if (branch.has("const")) {
          listed.add(branch.get("const"));
        }
        branch.path("enum").forEach(listed::add);
        for (JsonNode v : listed) {
          if (v.isNull()) {
            kinds.add("null");
          } else {
            kinds.add("enum");
            values.add(v.asText());
          }
        }
      }
      JsonNode type = branch.path("type");
      List<String> declared = new ArrayList<>();
      if (type.isTextual()) {
        declared.add(type.asText());
      }
      type.forEach(t -> declared.add(t.asText()));
      for (String t : declared) {
        // an enum of strings is documented as the enum
        if (!(enumerated && t.equals("string"))) {
          kinds.add(t);
        }
      }
      if (branch.has("pattern")) {
        refinement = REFINEMENTS.get(branch.get("pattern").asText());
      }
      if (branch.has("items")) {
        itemKinds.addAll(shape(branch.get("items")).kinds());
      }
    }
    return new Shape(kinds, values, itemKinds, refinement);
  }
}
