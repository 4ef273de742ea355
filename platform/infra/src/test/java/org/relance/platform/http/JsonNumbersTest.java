package org.relance.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Amounts sent as JSON numbers reach the application exactly as written, never as a double. */
class JsonNumbersTest {

  private static ObjectMapper customized() {
    ObjectMapper mapper = new ObjectMapper();
    new JsonNumbers().customize(mapper);
    return mapper;
  }

  @Test
  void a_decimal_number_is_read_as_the_exact_big_decimal() throws Exception {
    JsonNode body = customized().readTree("{\"amount\": 1200.10, \"tiny\": 0.30000000000000001}");
    assertThat(body.get("amount").isBigDecimal()).isTrue();
    // the tree may drop trailing zeros (Jackson's node factory does): the value stays exact
    assertThat(body.get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("1200.10"));
    assertThat(body.get("tiny").decimalValue())
        .as("a double would round it to 0.3")
        .isEqualTo(new BigDecimal("0.30000000000000001"));
  }

  @Test
  void untyped_values_are_big_decimals_too() throws Exception {
    Map<?, ?> body = customized().readValue("{\"amount\": 0.1}", Map.class);
    assertThat(body.get("amount")).isEqualTo(new BigDecimal("0.1"));
    // what the customizer is for: without it the same body gives a double
    assertThat(new ObjectMapper().readValue("{\"amount\": 0.1}", Map.class).get("amount"))
        .isInstanceOf(Double.class);
  }

  @Test
  void a_number_read_with_the_customized_mapper_passes_fields_decimal_exactly() throws Exception {
    Fields fields = new Fields(customized().readTree("{\"amount\": 1200.10}"));
    assertThat(fields.decimal("amount", true)).isEqualByComparingTo(new BigDecimal("1200.10"));
    assertThat(fields.errors()).isEmpty();
  }
}
