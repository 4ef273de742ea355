package org.relance.contracts.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;

/**
 * Version 2 of the schemas is exactly {@link SchemaV2}'s derivation of version 1 and {@link
 * PersonalFields}: a v2 file exists for each type with personal fields and for no other, and a v2
 * schema refuses a personal value in the clear while it accepts {@code null} in its place and the
 * encrypted block.
 */
class PersonalSchemaTest {

  private static final Path V2_FOLDER = Path.of("src/main/resources/schemas/v2");

  static Stream<EventType> personalTypes() {
    return PersonalFixtures.personalTypes();
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void each_v2_schema_file_is_the_derivation_of_its_v1_schema(EventType type) {
    JsonNode v1 = schema(type.schemaResource(1));
    JsonNode v2 = schema(type.schemaResource(2));

    assertThat(v2)
        .as(type.schemaResource(2) + " is stale: run SchemaV2.main from platform/contracts")
        .isEqualTo(SchemaV2.derive(type, v1));
    assertThat(v2.path("$id").asText()).isEqualTo(type.dataschema(2)).isEqualTo(type.dataschema());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void a_type_has_a_v2_schema_exactly_when_it_has_personal_fields(EventType type) {
    boolean personal = PersonalFields.any(type);

    assertThat(resourceExists(type.schemaResource(2)))
        .as(type.schemaResource(2))
        .isEqualTo(personal);
    assertThat(type.currentVersion()).isEqualTo(personal ? 2 : 1);
    assertThat(PersonalFields.of(type).isEmpty()).isEqualTo(!personal);
  }

  @Test
  void the_v2_folder_holds_the_thirteen_personal_types_and_nothing_else() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(V2_FOLDER)) {
      files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }

    assertThat(files)
        .hasSize(13)
        .isEqualTo(personalTypes().map(t -> t.typeName() + ".json").collect(Collectors.toSet()));
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void a_v2_schema_refuses_each_personal_value_in_the_clear_and_accepts_null(EventType type) {
    ObjectNode clear = (ObjectNode) Golden.event(type).data();
    ObjectNode wire = withoutPersonalValues(type, clear);
    wire.putObject(PersonalFields.BLOCK)
        .put("subject", "C-1")
        .put("generation", 1)
        .put("ciphertext", "AQID");

    assertThat(EventSchemas.faults(type, 1, clear)).as("the golden v1 data").isEmpty();
    assertThat(EventSchemas.faults(type, 2, clear))
        .as("the same clear data against v2")
        .isNotEmpty();
    assertThat(EventSchemas.faults(type, 2, wire)).as("the wire form").isEmpty();
    for (String pointer : PersonalFields.of(type)) {
      JsonNode value = clear.at(pointer);
      ObjectNode withValue = wire.deepCopy();
      parent(withValue, pointer)
          .set(
              last(pointer),
              value.isMissingNode() || value.isNull()
                  ? com.fasterxml.jackson.databind.node.TextNode.valueOf("clear value")
                  : value);
      ObjectNode withNull = wire.deepCopy();
      parent(withNull, pointer).putNull(last(pointer));

      assertThat(EventSchemas.faults(type, 2, withValue))
          .as(type.typeName() + pointer + " in the clear")
          .anySatisfy(fault -> assertThat(fault).contains(last(pointer)));
      assertThat(EventSchemas.faults(type, 2, withNull))
          .as(type.typeName() + pointer + " null")
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void a_v2_schema_refuses_an_incomplete_or_extended_block(EventType type) {
    ObjectNode wire = withoutPersonalValues(type, (ObjectNode) Golden.event(type).data());
    ObjectNode block = wire.putObject(PersonalFields.BLOCK);
    block.put("subject", "C-1").put("generation", 1);

    assertThat(EventSchemas.faults(type, 2, wire))
        .anySatisfy(fault -> assertThat(fault).contains("ciphertext"));

    block.put("ciphertext", "AQID").put("disclosure", "clear");
    assertThat(EventSchemas.faults(type, 2, wire))
        .as("an opened view is never published")
        .anySatisfy(fault -> assertThat(fault).contains("disclosure"));
  }

  /** The data with every personal field that holds a value removed (nulls stay). */
  private static ObjectNode withoutPersonalValues(EventType type, ObjectNode clear) {
    ObjectNode wire = clear.deepCopy();
    for (String pointer : PersonalFields.of(type)) {
      JsonNode value = wire.at(pointer);
      if (!value.isMissingNode() && !value.isNull()) {
        parent(wire, pointer).remove(last(pointer));
      }
    }
    return wire;
  }

  private static ObjectNode parent(ObjectNode root, String pointer) {
    return (ObjectNode) root.at(JsonPointer.compile(pointer).head());
  }

  private static String last(String pointer) {
    List<String> steps = Arrays.asList(pointer.substring(1).split("/"));
    return steps.get(steps.size() - 1);
  }

  private static boolean resourceExists(String resource) {
    return PersonalSchemaTest.class.getClassLoader().getResource(resource) != null;
  }

  private static JsonNode schema(String resource) {
    try (InputStream in = PersonalSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      return SchemaV2.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
