package org.relance.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.relance.contracts.EventType;
import org.relance.contracts.access.Subscriptions;

/**
 * docs/asyncapi.yaml cannot drift from the catalogue: one channel per event type, named and bound
 * to {@link EventType#topic()}, whose message's {@code data} is a {@code $ref} to the type's JSON
 * Schema file (the schemas are the only copy of the payloads), with the type's producer and the
 * consumers of {@link Subscriptions}; no channel for a type the catalogue does not have.
 */
class AsyncApiDocTest {

  static final Path DOCS = EventCatalogueDocTest.REPO.resolve("docs");
  static final Path ASYNCAPI = DOCS.resolve("asyncapi.yaml");

  private static JsonNode api;

  @BeforeAll
  static void read() throws IOException {
    api = new YAMLMapper().readTree(Files.readString(ASYNCAPI));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void each_type_has_its_channel_bound_to_its_topic(EventType type) {
    JsonNode channel = api.path("channels").path(type.topic());
    assertThat(channel.isObject()).as("channel " + type.topic() + " in " + ASYNCAPI).isTrue();
    assertThat(channel.path("bindings").path("kafka").path("topic").asText())
        .as(type.topic() + ": bindings.kafka.topic")
        .isEqualTo(type.topic());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void each_message_payload_refers_to_the_schema_file_of_its_type(EventType type)
      throws IOException {
    JsonNode operation = api.path("channels").path(type.topic()).path("subscribe");
    JsonNode message = resolve(operation.path("message"));
    List<String> problems = new ArrayList<>();

    JsonNode parts = message.path("payload").path("allOf");
    JsonNode own = null;
    for (JsonNode part : parts) {
      if (part.path("properties").has("data")) {
        own = part.path("properties");
      } else if (!part.path("$ref").asText().equals("#/components/schemas/CloudEvent")) {
        problems.add("payload.allOf: unexpected " + part);
      }
    }
    if (own == null) {
      problems.add("payload: expected allOf [CloudEvent, {properties: {data: {$ref: …}}}]");
    } else {
      String expected =
          "../platform/contracts/src/main/resources/" + type.schemaResource(type.currentVersion());
      String ref = own.path("data").path("$ref").asText();
      if (!ref.equals(expected)) {
        problems.add("payload data $ref '" + ref + "', expected '" + expected + "'");
      } else if (!Files.isRegularFile(DOCS.resolve(ref).normalize())) {
        problems.add("payload data $ref '" + ref + "' is not a file");
      } else {
        JsonNode file = SchemaFields.schema(type);
        String id = file.path("$id").asText();
        if (!id.equals(type.dataschema())) {
          problems.add(ref + " has $id " + id + ", expected " + type.dataschema());
        }
      }
      expectConst(problems, own, "type", type.typeName());
      expectConst(problems, own, "dataschema", type.dataschema());
      if (!type.producer().equals(EventType.ANY_PRODUCER)) {
        expectConst(problems, own, "source", type.producer());
      }
    }
    assertThat(message.path("name").asText()).as("message name").isEqualTo(type.typeName());
    assertThat(problems).as(type.typeName() + " in " + ASYNCAPI).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void each_channel_names_the_producer_and_the_consumers_of_the_catalogue(EventType type)
      throws IOException {
    JsonNode channel = api.path("channels").path(type.topic());
    JsonNode operation = channel.path("subscribe");
    List<String> problems = new ArrayList<>();

    String producer = operation.path("x-producer").asText();
    if (type.producer().equals(EventType.ANY_PRODUCER)) {
      if (!EventCatalogueDocTest.services(producer).containsAll(Subscriptions.SERVICES)) {
        problems.add("x-producer '" + producer + "' should name every service");
      }
    } else if (!producer.equals(type.producer())) {
      problems.add("x-producer " + producer + ", the catalogue says " + type.producer());
    }
    Set<String> expected =
        Subscriptions.SERVICES.stream()
            .filter(s -> Subscriptions.consumedBy(s).contains(type))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> consumers = texts(operation.path("x-consumers"));
    if (!consumers.equals(expected)) {
      problems.add("x-consumers " + consumers + ", Subscriptions says " + expected);
    }
    JsonNode groups = operation.path("bindings").path("kafka").path("groupId").path("enum");
    if (!expected.isEmpty() && !texts(groups).equals(expected)) {
      problems.add("bindings.kafka.groupId.enum " + texts(groups) + ", expected " + expected);
    }
    Integer local = EventCatalogueDocTest.localPartitions().get(type.topic());
    int partitions = channel.path("bindings").path("kafka").path("partitions").asInt(-1);
    if (local != null && partitions != local) {
      problems.add(partitions + " partitions, deploy/local/topics.txt says " + local);
    }
    assertThat(problems).as(type.typeName() + " in " + ASYNCAPI).isEmpty();
  }

  @Test
  void every_other_channel_is_a_dead_letter_or_checkpoint_topic() {
    Set<String> types =
        Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    Iterator<String> names = api.path("channels").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      boolean service =
          Subscriptions.SERVICES.stream().anyMatch(s -> name.equals(EventType.deadLetterTopic(s)));
      if (!types.contains(name) && !service && !name.equals("RelayCheckpoints.{service}")) {
        unknown.add(name);
      }
    }
    assertThat(unknown).as("channels of " + ASYNCAPI + " that are no topic of Relance").isEmpty();
    for (String service : Subscriptions.SERVICES) {
      assertThat(api.path("channels").has(EventType.deadLetterTopic(service)))
          .as("channel " + EventType.deadLetterTopic(service))
          .isTrue();
    }
  }

  @Test
  void every_schema_file_a_message_refers_to_exists() {
    List<String> broken = new ArrayList<>();
    collectRefs(api, broken);
    assertThat(broken).as("$refs of " + ASYNCAPI + " that lead nowhere").isEmpty();
  }

  private static void collectRefs(JsonNode node, List<String> broken) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              (Map.Entry<String, JsonNode> e) -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                  String ref = e.getValue().asText();
                  if (ref.startsWith("#/")) {
                    if (pointer(ref).isMissingNode()) {
                      broken.add(ref);
                    }
                  } else if (!Files.isRegularFile(DOCS.resolve(ref).normalize())) {
                    broken.add(ref);
                  }
                } else {
                  collectRefs(e.getValue(), broken);
                }
              });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, broken));
    }
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? pointer(node.get("$ref").asText()) : node;
  }

  private static JsonNode pointer(String ref) {
    return api.at(ref.substring(1));
  }

  private static void expectConst(
      List<String> problems, JsonNode properties, String name, String expected) {
    String actual = properties.path(name).path("const").asText(null);
    if (!expected.equals(actual)) {
      problems.add("payload " + name + " const " + actual + ", expected " + expected);
    }
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
