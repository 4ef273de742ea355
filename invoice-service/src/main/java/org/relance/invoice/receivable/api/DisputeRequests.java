package org.relance.invoice.receivable.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Currency;
import org.relance.contracts.money.Money;
import org.relance.invoice.receivable.domain.DisputeCategory;
import org.relance.invoice.receivable.domain.DisputeOutcome;
import org.relance.platform.http.Fields;

/** Reads the JSON of dispute requests, naming every bad field at once; the actor is the token's. */
final class DisputeRequests {

  private DisputeRequests() {}

  /**
   * @param amountDisputed {@code null} when the whole invoice is disputed
   */
  record OpenDispute(DisputeCategory category, String reason, Money amountDisputed, String actor) {}

  static OpenDispute open(JsonNode body, String actor, Currency invoiceCurrency) {
    Fields f = new Fields(body);
    DisputeCategory category = f.choice("category", true, DisputeCategory.class);
    String reason = f.freeText("reason", true);
    Currency currency = f.present("currency") ? f.currency("currency", false) : invoiceCurrency;
    BigDecimal amount = f.amount("amountDisputed", false, currency);
    f.throwIfInvalid();
    return new OpenDispute(
        category, reason, amount == null ? null : new Money(amount, currency), actor);
  }

  record Resolution(DisputeOutcome outcome, String note, String actor) {}

  static Resolution resolution(JsonNode body, String actor) {
    Fields f = new Fields(body);
    DisputeOutcome outcome = f.choice("outcome", true, DisputeOutcome.class);
    String note = f.freeText("note", false);
    f.throwIfInvalid();
    return new Resolution(outcome, note, actor);
  }
}
