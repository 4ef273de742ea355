package org.relance.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Reads a JSON request field by field and collects every fault, so one 400 answer names all the bad
 * fields instead of the first one. Amounts are accepted as decimal strings (preferred) or JSON
 * numbers read exactly, never through a double.
 */
public final class Fields {

  /** Names, identifiers, codes, address lines: at most this many characters. */
  public static final int MAX_NAME_CHARS = 200;

  /** Free text (notes, reasons, descriptions): at most this many characters. */
  public static final int MAX_TEXT_CHARS = JsonBodyGuard.MAX_STRING_CHARS;

  /** An email address (RFC 5321: 254 characters in a path). */
  public static final int MAX_EMAIL_CHARS = 254;

  /** Items of any list. */
  public static final int MAX_ITEMS = 100;

  /** Integer digits of an amount or decimal (a trillion of any currency is far below). */
  public static final int MAX_INTEGER_DIGITS = 15;

  /** Decimals of a rate or a decimal setting; an amount has at most its currency's. */
  public static final int MAX_DECIMALS = 6;

  /** A decimal as every API takes it: the pattern of request schemas, and what is checked. */
  public static final String DECIMAL_PATTERN =
      "^-?[0-9]{1," + MAX_INTEGER_DIGITS + "}(\\.[0-9]{1," + MAX_DECIMALS + "})?$";

  /** An ISO 4217 currency code's shape. */
  public static final String CURRENCY_PATTERN = "^[A-Z]{3}$";

  private final JsonNode root;
  private final String prefix;
  private final List<Problem.FieldError> errors;

  public Fields(JsonNode root) {
    this(root == null ? NullNode.getInstance() : root, "", new ArrayList<>());
    if (!this.root.isObject()) {
      errors.add(new Problem.FieldError("body", "must be a JSON object"));
    }
  }

  private Fields(JsonNode root, String prefix, List<Problem.FieldError> errors) {
    this.root = root;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** The fields of a nested object; a missing optional object reads as empty. */
  public Fields object(String name, boolean required) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        fault(name, "is required");
      }
      return new Fields(NullNode.getInstance(), path(name) + ".", errors);
    }
    if (!node.isObject()) {
      fault(name, "must be an object");
      return new Fields(NullNode.getInstance(), path(name) + ".", errors);
    }
    return new Fields(node, path(name) + ".", errors);
  }

  public boolean present(String name) {
    JsonNode node = root.get(name);
    return node != null && !node.isNull();
  }

  /** A name, identifier or code: at most {@value #MAX_NAME_CHARS} characters. */
  public String text(String name, boolean required) {
    return text(name, required, MAX_NAME_CHARS);
  }

  /** Free text (a note, a reason): at most {@value #MAX_TEXT_CHARS} characters. */
  public String freeText(String name, boolean required) {
    return text(name, required, MAX_TEXT_CHARS);
  }

  /** An email address: at most {@value #MAX_EMAIL_CHARS} characters. */
  public String email(String name, boolean required) {
    return text(name, required, MAX_EMAIL_CHARS);
  }

  public String text(String name, boolean required, int maxChars) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        fault(name, "is required");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      fault(name, "must be a non-empty string");
      return null;
    }
    String text = node.asText().strip();
    if (text.codePointCount(0, text.length()) > maxChars) {
      fault(name, "must be at most " + maxChars + " characters");
      return null;
    }
    return text;
  }

  public LocalDate date(String name, boolean required) {
    String text = text(name, required);
    if (text == null) {
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(text);
      if (date.getYear() < 1 || date.getYear() > 9999) {
        fault(name, "must be a date between 0001-01-01 and 9999-12-31, got '" + text + "'");
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      fault(name, "must be an ISO date (YYYY-MM-DD), got '" + text + "'");
      return null;
    }
  }

  public BigDecimal decimal(String name, boolean required) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        fault(name, "is required");
      }
      return null;
    }
    String text = node.isTextual() ? node.asText().strip() : plain(node);
    if (text == null
        || text.length() > MAX_INTEGER_DIGITS + MAX_DECIMALS + 2
        || !text.matches(DECIMAL_PATTERN)) {
      fault(
          name,
          "must be a decimal number as a string, e.g. \"1200.00\", with at most "
              + MAX_INTEGER_DIGITS
              + " integer digits and "
              + MAX_DECIMALS
              + " decimals");
      return null;
    }
    return new BigDecimal(text);
  }

  /**
   * A JSON number's plain text, or null when it is not a number or too large to write out (an
   * exponent of a billion would take a gigabyte).
   */
  private static String plain(JsonNode node) {
    if (!node.isNumber()) {
      return null;
    }
    BigDecimal value = node.decimalValue();
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_DECIMALS) {
      return null;
    }
    return value.toPlainString();
  }

  /** An amount with at most the currency's minor digits (2 for EUR). */
  public BigDecimal amount(String name, boolean required, Currency currency) {
    BigDecimal value = decimal(name, required);
    if (value != null
        && currency != null
        && value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
      fault(
          name,
          "has more decimals than "
              + currency.getCurrencyCode()
              + " allows ("
              + currency.getDefaultFractionDigits()
              + ")");
      return null;
    }
    return value;
  }

  public Currency currency(String name, boolean required) {
    String text = text(name, required);
    if (text == null) {
      return null;
    }
    if (!text.matches(CURRENCY_PATTERN)) {
      fault(name, "must be an ISO 4217 code such as EUR, got '" + text + "'");
      return null;
    }
    try {
      Currency currency = Currency.getInstance(text);
      if (currency.getDefaultFractionDigits() < 0) {
        fault(name, "'" + text + "' is not a currency invoices can be issued in");
        return null;
      }
      return currency;
    } catch (IllegalArgumentException e) {
      fault(name, "unknown currency '" + text + "'");
      return null;
    }
  }

  public Integer integer(String name, boolean required) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        fault(name, "is required");
      }
      return null;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      fault(name, "must be an integer");
      return null;
    }
    return node.intValue();
  }

  /** One of an enum's constants, named exactly; a fault listing them all otherwise. */
  public <E extends Enum<E>> E choice(String name, boolean required, Class<E> type) {
    String text = text(name, required);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      fault(
          name,
          "must be one of "
              + java.util.Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(java.util.stream.Collectors.joining(", "))
              + ", got '"
              + text
              + "'");
      return null;
    }
  }

  public List<String> texts(String name) {
    JsonNode node = root.get(name);
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      fault(name, "must be an array of strings");
      return values;
    }
    if (node.size() > MAX_ITEMS) {
      fault(name, "must have at most " + MAX_ITEMS + " items, got " + node.size());
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        fault(name + "[" + i + "]", "must be a string");
      } else if (node.get(i).asText().isBlank()) {
        fault(name + "[" + i + "]", "must not be blank");
      } else if (node.get(i).asText().length() > MAX_NAME_CHARS) {
        fault(name + "[" + i + "]", "must be at most " + MAX_NAME_CHARS + " characters");
      } else {
        values.add(node.get(i).asText());
      }
    }
    return values;
  }

  /** The nested objects of an array field. */
  public List<Fields> objects(String name) {
    JsonNode node = root.get(name);
    List<Fields> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      fault(name, "must be an array");
      return values;
    }
    if (node.size() > MAX_ITEMS) {
      fault(name, "must have at most " + MAX_ITEMS + " items, got " + node.size());
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isObject()) {
        fault(name + "[" + i + "]", "must be an object");
      } else {
        values.add(new Fields(node.get(i), path(name) + "[" + i + "].", errors));
      }
    }
    return values;
  }

  public void fault(String name, String reason) {
    errors.add(new Problem.FieldError(path(name), reason));
  }

  public List<Problem.FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws a 400 problem naming every bad field, if there is any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private String path(String name) {
    return prefix + name;
  }
}
