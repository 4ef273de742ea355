package org.relance.penalty.assessment.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.relance.contracts.money.Money;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.Claim;
import org.relance.penalty.assessment.domain.Jurisdiction;
import org.relance.platform.http.Fields;

/** Reads a quote request, naming every bad field at once. */
final class QuoteRequest {

  private QuoteRequest() {}

  static Claim read(JsonNode body, Allocation defaultAllocation) {
    Fields f = new Fields(body);
    String code = f.present("jurisdiction") ? f.text("jurisdiction", false) : "FR";
    Jurisdiction jurisdiction = code == null ? null : Jurisdiction.of(code).orElse(null);
    if (code != null && jurisdiction == null) {
      f.fault("jurisdiction", "no rules for '" + code + "'; known: FR, EU, DE, GB");
    }
    Currency currency = f.currency("currency", true);
    if (currency != null
        && jurisdiction != null
        && !currency.getCurrencyCode().equals(jurisdiction.currency())) {
      f.fault("currency", jurisdiction + " rules apply to " + jurisdiction.currency() + " claims");
    }
    BigDecimal amount = f.amount("amount", true, currency);
    if (amount != null && amount.signum() <= 0) {
      f.fault("amount", "must be greater than zero");
    }
    LocalDate dueDate = f.date("dueDate", true);
    LocalDate asOf = f.date("asOf", true);
    if (dueDate != null && asOf != null && asOf.isBefore(dueDate)) {
      f.fault("asOf", "must not be before dueDate");
    }
    BigDecimal contract = f.decimal("contractRate", false);
    if (contract != null
        && (contract.signum() < 0 || contract.compareTo(BigDecimal.valueOf(100)) > 0)) {
      f.fault("contractRate", "must be between 0 and 100 (percent)");
    }
    Allocation allocation = defaultAllocation;
    String alloc = f.text("allocation", false);
    if (alloc != null) {
      try {
        allocation = Allocation.valueOf(alloc);
      } catch (IllegalArgumentException e) {
        f.fault("allocation", "must be PRINCIPAL_FIRST or INTEREST_FIRST");
      }
    }
    List<Claim.Payment> payments = new ArrayList<>();
    for (Fields p : f.objects("payments")) {
      LocalDate paidOn = p.date("paidOn", true);
      BigDecimal paid = p.amount("amount", true, currency);
      if (paid != null && paid.signum() <= 0) {
        p.fault("amount", "must be greater than zero");
      }
      if (paidOn != null && paid != null && currency != null) {
        payments.add(new Claim.Payment(paidOn, new Money(paid, currency)));
      }
    }
    f.throwIfInvalid();
    return new Claim(
        jurisdiction, new Money(amount, currency), dueDate, contract, payments, asOf, allocation);
  }
}
