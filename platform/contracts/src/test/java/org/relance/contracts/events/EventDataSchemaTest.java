package org.relance.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;

/**
 * The contract records and the JSON Schemas say the same thing: same fields at every depth, each
 * field of a Java type that can hold exactly what the schema allows. And a record reads a golden
 * event and writes it back to the same canonical bytes, so the hash chain is unchanged.
 */
class EventDataSchemaTest {

  private static final String UUID_PATTERN = "^[0-9a-f]{8}-";
  private static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

  @ParameterizedTest
  @EnumSource(EventType.class)
  void the_record_of_each_type_has_the_fields_of_its_schema_with_matching_types(EventType type) {
    List<String> faults = new ArrayList<>();
    compare(type.typeName(), schema(type), EventCodec.dataClass(type), faults);
    assertThat(faults).as(type.typeName()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void a_golden_event_read_as_its_record_and_written_back_keeps_its_bytes_and_hash(EventType type) {
    CloudEvent golden = Golden.event(type);

    EventData data = EventCodec.read(golden);
    JsonNode written = EventCodec.write(data);

    assertThat(data).isInstanceOf(EventCodec.dataClass(type));
    assertThat(EventCodec.typeOf(data)).isEqualTo(type);
    assertThat(new String(CanonicalJson.canonicalize(written)))
        .isEqualTo(new String(CanonicalJson.canonicalize(golden.data())));
    CloudEvent rewritten = golden.withData(written);
    assertThat(HashChain.hashOf(rewritten)).isEqualTo(golden.hash());
  }

  @Test
  void an_amount_is_written_as_a_plain_decimal_string_with_its_scale() {
    PaymentReceived paid =
        EventCodec.read(Golden.event(EventType.PAYMENT_RECEIVED), PaymentReceived.class);
    PaymentReceived big =
        new PaymentReceived(
            paid.invoiceId(),
            paid.paymentId(),
            paid.reference(),
            new BigDecimal("1E+3").setScale(2),
            paid.currency(),
            paid.paidOn(),
            new BigDecimal("0.00"),
            paid.status());

    JsonNode json = EventCodec.write(big);

    assertThat(json.get("amount").isTextual()).isTrue();
    assertThat(json.get("amount").asText()).isEqualTo("1000.00");
    assertThat(json.get("outstandingAfter").asText()).isEqualTo("0.00");
  }

  @Test
  void reading_an_event_as_the_record_of_another_type_is_refused() {
    CloudEvent paid = Golden.event(EventType.PAYMENT_RECEIVED);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EventCodec.read(paid, InvoiceIssued.class))
        .isInstanceOf(org.relance.contracts.InvalidEventException.class)
        .hasMessageContaining("PaymentReceived");
  }

  private static void compare(String path, JsonNode schema, Class<?> record, List<String> faults) {
    if (!record.isRecord()) {
      faults.add(path + ": " + record.getSimpleName() + " is not a record");
      return;
    }
    JsonNode properties = schema.path("properties");
    Set<String> expected = new LinkedHashSet<>();
    properties.fieldNames().forEachRemaining(expected::add);
    Set<String> actual =
        Arrays.stream(record.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    if (!expected.equals(actual)) {
      faults.add(path + ": schema fields " + expected + " but record components " + actual);
      return;
    }
    Set<String> required = new LinkedHashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (RecordComponent component : record.getRecordComponents()) {
      String name = component.getName();
      JsonNode property = properties.get(name);
      boolean nullable = nullable(property) || !required.contains(name);
      compareType(
          path + "." + name, alternative(property), component.getGenericType(), nullable, faults);
    }
  }

  private static void compareType(
      String path, JsonNode schema, Type javaType, boolean nullable, List<String> faults) {
    Class<?> raw =
        javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
    if (raw.isPrimitive() && nullable) {
      faults.add(path + ": may be absent or null but is a primitive " + raw);
    }
    String kind = schema.has("enum") ? "enum" : schema.path("type").asText("");
    String pattern = schema.path("pattern").asText("");
    switch (kind) {
      case "enum" -> {
        Set<String> values = new LinkedHashSet<>();
        schema.get("enum").forEach(v -> values.add(v.isNull() ? null : v.asText()));
        values.remove(null);
        if (raw.isEnum()) {
          Set<String> constants =
              Arrays.stream(raw.getEnumConstants())
                  .map(c -> ((Enum<?>) c).name())
                  .collect(Collectors.toCollection(LinkedHashSet::new));
          if (!constants.equals(values)) {
            faults.add(path + ": schema values " + values + " but enum " + constants);
          }
        } else if (raw != String.class) {
          faults.add(path + ": an enumeration held in " + raw.getSimpleName());
        }
      }
      case "string" -> {
        Class<?> want =
            pattern.startsWith(UUID_PATTERN)
                ? UUID.class
                : pattern.equals(DATE_PATTERN)
                    ? LocalDate.class
                    : pattern.matches("\\^-?\\[0-9\\]\\{1,\\d+\\}\\(.*")
                        ? BigDecimal.class
                        : String.class;
        if (raw != want) {
          faults.add(path + ": a string of pattern '" + pattern + "' held in " + raw.getName());
        }
      }
      case "integer" -> {
        if (raw != int.class && raw != Integer.class && raw != long.class && raw != Long.class) {
          faults.add(path + ": an integer held in " + raw.getName());
        }
      }
      case "boolean" -> {
        if (raw != boolean.class && raw != Boolean.class) {
          faults.add(path + ": a boolean held in " + raw.getName());
        }
      }
      case "array" -> {
        if (raw != List.class) {
          faults.add(path + ": an array held in " + raw.getName());
        } else {
          Type item = ((ParameterizedType) javaType).getActualTypeArguments()[0];
          compareType(path + "[]", alternative(schema.path("items")), item, false, faults);
        }
      }
      case "object" -> {
        if (schema.has("properties")) {
          compare(path, schema, raw, faults);
        } else if (raw != JsonNode.class) {
          faults.add(path + ": a free-form object held in " + raw.getName());
        }
      }
      default -> faults.add(path + ": schema kind '" + kind + "' has no mapping");
    }
  }

  /** Whether the schema admits null ("type": [..., "null"], an anyOf with null, null in enum). */
  private static boolean nullable(JsonNode property) {
    JsonNode type = property.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if ("null".equals(t.asText())) {
          return true;
        }
      }
    }
    for (JsonNode alternative : property.path("anyOf")) {
      if ("null".equals(alternative.path("type").asText())) {
        return true;
      }
    }
    for (JsonNode value : property.path("enum")) {
      if (value.isNull()) {
        return true;
      }
    }
    return false;
  }

  /** The non-null alternative of a property, with a single "type". */
  private static JsonNode alternative(JsonNode property) {
    if (property.has("anyOf")) {
      for (JsonNode alternative : property.get("anyOf")) {
        if (!"null".equals(alternative.path("type").asText())) {
          return alternative;
        }
      }
    }
    JsonNode type = property.path("type");
    if (type.isArray()) {
      var copy = property.deepCopy();
      String single = null;
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          single = t.asText();
        }
      }
      ((com.fasterxml.jackson.databind.node.ObjectNode) copy).put("type", single);
      return copy;
    }
    return property;
  }

  private static JsonNode schema(EventType type) {
    try (InputStream in =
        EventDataSchemaTest.class.getClassLoader().getResourceAsStream(type.schemaResource(1))) {
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
