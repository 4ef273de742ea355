package org.relance.contracts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one JSON configuration of the event contracts. Amounts are written as strings by the
 * producers (never as JSON numbers), dates as ISO strings, so readers in any language agree.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .addModule(decimalsAsText())
          .build();

  /**
   * Amounts and rates travel as decimal strings with their scale ("1200.00", never 1.2E+3): a
   * {@link BigDecimal} in an event record is written with {@link BigDecimal#toPlainString()}.
   */
  private static SimpleModule decimalsAsText() {
    SimpleModule module = new SimpleModule("relance-decimals");
    module.addSerializer(
        BigDecimal.class,
        new StdSerializer<>(BigDecimal.class) {
          @Override
          public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toPlainString());
          }
        });
    return module;
  }

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(
          "data does not match " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  public static ObjectNode toObject(Object value) {
    return MAPPER.valueToTree(value);
  }
}
