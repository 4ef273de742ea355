package org.relance.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reading a request field by field: every fault named, amounts exact, sizes bounded. */
class FieldsTest {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private enum Channel {
    EMAIL,
    LETTER
  }

  private static Fields fields(String json) {
    try {
      return new Fields(MAPPER.readTree(json));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** field path to reason. */
  private static Map<String, String> faults(Fields fields) {
    return fields.errors().stream()
        .collect(
            Collectors.toMap(Problem.FieldError::field, Problem.FieldError::reason, (a, b) -> a));
  }

  @Test
  void a_valid_body_reads_every_kind_of_field() {
    Fields f =
        fields(
            "{\"number\":\"  F-1 \",\"issued\":\"2026-01-05\",\"amount\":\"1200.10\","
                + "\"currency\":\"EUR\",\"days\":30,\"channel\":\"EMAIL\","
                + "\"tags\":[\"a\",\"b\"],\"debtor\":{\"name\":\"Dupont\"},"
                + "\"lines\":[{\"amount\":\"1.00\"}]}");
    assertThat(f.text("number", true)).isEqualTo("F-1");
    assertThat(f.date("issued", true)).isEqualTo(LocalDate.parse("2026-01-05"));
    Currency eur = f.currency("currency", true);
    assertThat(eur.getCurrencyCode()).isEqualTo("EUR");
    assertThat(f.amount("amount", true, eur)).isEqualTo(new BigDecimal("1200.10"));
    assertThat(f.integer("days", true)).isEqualTo(30);
    assertThat(f.choice("channel", true, Channel.class)).isEqualTo(Channel.EMAIL);
    assertThat(f.texts("tags")).containsExactly("a", "b");
    assertThat(f.object("debtor", true).text("name", true)).isEqualTo("Dupont");
    assertThat(f.objects("lines")).hasSize(1);
    assertThat(f.present("debtor")).isTrue();
    assertThat(f.present("nothing")).isFalse();
    assertThat(f.errors()).isEmpty();
    f.throwIfInvalid(); // nothing to throw
  }

  @Test
  void a_body_that_is_not_an_object_is_one_fault() {
    assertThat(faults(fields("[1,2]"))).containsEntry("body", "must be a JSON object");
    assertThat(faults(new Fields(null))).containsEntry("body", "must be a JSON object");
  }

  @Test
  void every_bad_field_is_named_in_one_problem_with_nested_paths() {
    Fields f =
        fields(
            "{\"issued\":\"2026-02-30\",\"amount\":\"12,5\",\"currency\":\"eur\","
                + "\"debtor\":{},\"lines\":[{\"amount\":\"1.00\"},{\"amount\":\"x\"}, 3]}");
    f.text("number", true);
    f.date("issued", true);
    f.decimal("amount", true);
    f.currency("currency", true);
    f.object("debtor", true).text("name", true);
    for (Fields line : f.objects("lines")) {
      line.decimal("amount", true);
    }
    Map<String, String> faults = faults(f);
    assertThat(faults)
        .containsOnlyKeys(
            "number", "issued", "amount", "currency", "debtor.name", "lines[1].amount", "lines[2]");
    assertThat(faults.get("number")).isEqualTo("is required");
    assertThat(faults.get("issued")).contains("ISO date");
    assertThat(faults.get("currency")).contains("ISO 4217");
    assertThat(faults.get("lines[2]")).isEqualTo("must be an object");

    assertThatThrownBy(f::throwIfInvalid)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(400);
              assertThat(e.problem().errors()).hasSize(7);
            });
  }

  @Test
  void decimals_are_exact_and_bounded_whether_strings_or_numbers() {
    Fields f =
        fields(
            "{\"s\":\"-0.000001\",\"n\":1200.10,\"i\":15,\"exp\":\"1e3\","
                + "\"long\":\"1234567890123456\",\"many\":\"1.1234567\","
                + "\"huge\":1e1000000000,\"big\":1E+3,\"bool\":true}");
    assertThat(f.decimal("s", true)).isEqualTo(new BigDecimal("-0.000001"));
    assertThat(f.decimal("n", true)).isEqualByComparingTo(new BigDecimal("1200.10"));
    assertThat(f.decimal("i", true)).isEqualTo(new BigDecimal("15"));
    assertThat(f.decimal("big", true)).as("written out plainly").isEqualTo(new BigDecimal("1000"));
    assertThat(f.errors()).isEmpty();

    for (String bad : List.of("exp", "long", "many", "huge", "bool")) {
      assertThat(f.decimal(bad, true)).as(bad).isNull();
    }
    assertThat(faults(f)).containsOnlyKeys("exp", "long", "many", "huge", "bool");
    assertThat(faults(f).get("long")).contains("at most 15 integer digits and 6 decimals");
  }

  @Test
  void an_amount_has_at_most_its_currencys_decimals() {
    Fields f =
        fields(
            "{\"eur\":\"10.10\",\"eurZeros\":\"10.1000\",\"cents\":\"10.123\",\"yen\":\"10.5\"}");
    Currency eur = Currency.getInstance("EUR");
    assertThat(f.amount("eur", true, eur)).isEqualTo(new BigDecimal("10.10"));
    assertThat(f.amount("eurZeros", true, eur)).as("trailing zeros are no decimals").isNotNull();
    assertThat(f.amount("cents", true, eur)).isNull();
    assertThat(f.amount("yen", true, Currency.getInstance("JPY"))).isNull();
    assertThat(faults(f))
        .containsEntry("cents", "has more decimals than EUR allows (2)")
        .containsEntry("yen", "has more decimals than JPY allows (0)")
        .hasSize(2);
  }

  @Test
  void currencies_must_be_real_and_invoiceable() {
    Fields f = fields("{\"a\":\"EUR\",\"b\":\"ABC\",\"c\":\"XXX\",\"d\":\"EURO\"}");
    assertThat(f.currency("a", true)).isEqualTo(Currency.getInstance("EUR"));
    assertThat(f.currency("b", true)).isNull();
    assertThat(f.currency("c", true)).isNull();
    assertThat(f.currency("d", true)).isNull();
    Map<String, String> faults = faults(f);
    assertThat(faults.get("b")).isEqualTo("unknown currency 'ABC'");
    assertThat(faults.get("c")).isEqualTo("'XXX' is not a currency invoices can be issued in");
    assertThat(faults.get("d")).contains("ISO 4217");
  }

  @Test
  void texts_are_stripped_non_blank_and_bounded_in_characters() {
    String name200 = "é".repeat(Fields.MAX_NAME_CHARS);
    String emoji = "\uD83D\uDE00".repeat(Fields.MAX_NAME_CHARS); // 400 chars, 200 code points
    Fields f =
        fields(
            "{\"ok\":\""
                + name200
                + "\",\"emoji\":\""
                + emoji
                + "\",\"long\":\""
                + "x".repeat(Fields.MAX_NAME_CHARS + 1)
                + "\",\"blank\":\"   \",\"number\":12,\"nul\":null,\"note\":\""
                + "y".repeat(Fields.MAX_NAME_CHARS + 1)
                + "\"}");
    assertThat(f.text("ok", true)).isEqualTo(name200);
    assertThat(f.text("emoji", true)).as("counted in code points").isEqualTo(emoji);
    assertThat(f.text("long", true)).isNull();
    assertThat(f.text("blank", true)).isNull();
    assertThat(f.text("number", true)).isNull();
    assertThat(f.text("nul", false)).as("optional and null").isNull();
    assertThat(f.text("absent", false)).isNull();
    assertThat(f.freeText("note", true)).as("free text may be longer").hasSize(201);
    assertThat(faults(f))
        .containsOnlyKeys("long", "blank", "number")
        .containsEntry("long", "must be at most 200 characters")
        .containsEntry("blank", "must be a non-empty string");
  }

  @Test
  void dates_are_iso_and_within_four_digit_years() {
    Fields f =
        fields(
            "{\"ok\":\"2024-02-29\",\"feb30\":\"2026-02-30\",\"fr\":\"05/01/2026\","
                + "\"far\":\"+10000-01-01\"}");
    assertThat(f.date("ok", true)).isEqualTo(LocalDate.parse("2024-02-29"));
    assertThat(f.date("feb30", true)).isNull();
    assertThat(f.date("fr", true)).isNull();
    assertThat(f.date("far", true)).isNull();
    assertThat(faults(f).get("far")).contains("between 0001-01-01 and 9999-12-31");
    assertThat(faults(f).get("fr")).isEqualTo("must be an ISO date (YYYY-MM-DD), got '05/01/2026'");
  }

  @Test
  void integers_choices_and_lists_are_checked() {
    JsonNode many = MAPPER.createObjectNode().set("tags", MAPPER.valueToTree(new int[0]));
    for (int i = 0; i <= Fields.MAX_ITEMS; i++) {
      ((com.fasterxml.jackson.databind.node.ArrayNode) many.get("tags")).add("t" + i);
    }
    assertThat(new Fields(many).texts("tags")).isEmpty();

    Fields f =
        fields(
            "{\"half\":1.5,\"text\":\"3\",\"huge\":99999999999,\"channel\":\"FAX\","
                + "\"tags\":[\"a\",2,\" \"],\"notList\":\"a\",\"lines\":{}}");
    assertThat(f.integer("half", true)).isNull();
    assertThat(f.integer("text", true)).isNull();
    assertThat(f.integer("huge", true)).isNull();
    assertThat(f.choice("channel", true, Channel.class)).isNull();
    assertThat(f.texts("tags")).containsExactly("a");
    assertThat(f.texts("notList")).isEmpty();
    assertThat(f.objects("lines")).isEmpty();
    Map<String, String> faults = faults(f);
    assertThat(faults.get("half")).isEqualTo("must be an integer");
    assertThat(faults.get("channel")).isEqualTo("must be one of EMAIL, LETTER, got 'FAX'");
    assertThat(faults.get("tags[1]")).isEqualTo("must be a string");
    assertThat(faults.get("tags[2]")).isEqualTo("must not be blank");
    assertThat(faults.get("notList")).isEqualTo("must be an array of strings");
    assertThat(faults.get("lines")).isEqualTo("must be an array");
  }

  @Test
  void an_optional_nested_object_that_is_missing_reads_as_empty_without_faults() {
    Fields f = fields("{\"address\":null,\"wrong\":\"x\"}");
    assertThat(f.object("address", false).text("city", false)).isNull();
    assertThat(f.errors()).isEmpty();
    f.object("wrong", false);
    f.object("required", true).text("city", true);
    assertThat(faults(f))
        .containsEntry("wrong", "must be an object")
        .containsEntry("required", "is required")
        .containsEntry("required.city", "is required");
  }
}
