package org.relance.invoice.invoice.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.stream.Collectors;
import org.relance.contracts.money.Money;
import org.relance.invoice.invoice.domain.DisputeCategory;
import org.relance.invoice.invoice.domain.DisputeOutcome;
import org.relance.platform.http.Actors;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;

/**
 * Reads the JSON of dispute requests, naming every bad field at once, the missing actor header
 * among them.
 */
final class DisputeRequests {

  static final int MAX_TEXT = 2000;

  private DisputeRequests() {}

  /**
   * @param amountDisputed {@code null} when the whole invoice is disputed
   */
  record OpenDispute(DisputeCategory category, String reason, Money amountDisputed, String actor) {}

  static OpenDispute open(JsonNode body, String actorHeader, Currency invoiceCurrency) {
    Fields f = new Fields(body);
    String actor = actor(f, actorHeader, "a dispute records who opened it");
    DisputeCategory category = choice(f, "category", true, DisputeCategory.class);
    String reason = longText(f, "reason", true);
    Currency currency = f.present("currency") ? f.currency("currency", false) : invoiceCurrency;
    BigDecimal amount = f.amount("amountDisputed", false, currency);
    f.throwIfInvalid();
    return new OpenDispute(
        category, reason, amount == null ? null : new Money(amount, currency), actor);
  }

  record Resolution(DisputeOutcome outcome, String note, String actor) {}

  static Resolution resolution(JsonNode body, String actorHeader) {
    Fields f = new Fields(body);
    String actor = actor(f, actorHeader, "a dispute records who resolved it");
    DisputeOutcome outcome = choice(f, "outcome", true, DisputeOutcome.class);
    String note = longText(f, "note", false);
    f.throwIfInvalid();
    return new Resolution(outcome, note, actor);
  }

  /** The actor header's fault joins the body's, so one 400 names them all. */
  private static String actor(Fields f, String header, String why) {
    try {
      return Actors.require(header, why);
    } catch (ProblemException e) {
      e.problem().errors().forEach(err -> f.fault(err.field(), err.reason()));
      return null;
    }
  }

  private static <E extends Enum<E>> E choice(
      Fields f, String name, boolean required, Class<E> type) {
    String text = f.text(name, required);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      f.fault(
          name,
          "must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", "))
              + ", got '"
              + text
              + "'");
      return null;
    }
  }

  private static String longText(Fields f, String name, boolean required) {
    String text = f.text(name, required);
    if (text != null && text.length() > MAX_TEXT) {
      f.fault(name, "must be at most " + MAX_TEXT + " characters");
      return null;
    }
    return text;
  }
}
