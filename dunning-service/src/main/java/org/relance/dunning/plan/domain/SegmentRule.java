package org.relance.dunning.plan.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * Chooses a plan for the invoices it matches. Every condition set must hold; an empty rule matches
 * everything.
 *
 * @param minAmount the invoice amount is at least this
 * @param maxAmount the invoice amount is at most this
 * @param currencies the invoice is in one of these currencies
 * @param segments the debtor carries one of these segment tags (ERP customer classes)
 * @param minLatePaymentsLast12Months the debtor settled at least this many invoices after their due
 *     date in the twelve months before the plan is chosen
 */
public record SegmentRule(
    String name,
    String planId,
    BigDecimal minAmount,
    BigDecimal maxAmount,
    List<String> currencies,
    List<String> segments,
    Integer minLatePaymentsLast12Months) {

  public SegmentRule {
    currencies = currencies == null ? List.of() : List.copyOf(currencies);
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  /** What the rule is matched against when an invoice's plan is chosen. */
  public record Subject(
      BigDecimal amount,
      String currency,
      List<String> debtorSegments,
      int latePaymentsLast12Months) {}

  public boolean matches(Subject s) {
    if (minAmount != null && s.amount().compareTo(minAmount) < 0) {
      return false;
    }
    if (maxAmount != null && s.amount().compareTo(maxAmount) > 0) {
      return false;
    }
    if (!currencies.isEmpty() && !currencies.contains(s.currency())) {
      return false;
    }
    if (!segments.isEmpty() && s.debtorSegments().stream().noneMatch(segments::contains)) {
      return false;
    }
    return minLatePaymentsLast12Months == null
        || s.latePaymentsLast12Months() >= minLatePaymentsLast12Months;
  }

  /** Why the rule matched, in words, for the explain view and the assignment event. */
  public String describe() {
    StringBuilder b = new StringBuilder("segment rule '" + name + "'");
    List<String> parts = new java.util.ArrayList<>();
    if (minAmount != null) {
      parts.add("amount >= " + minAmount.toPlainString());
    }
    if (maxAmount != null) {
      parts.add("amount <= " + maxAmount.toPlainString());
    }
    if (!currencies.isEmpty()) {
      parts.add("currency in " + currencies);
    }
    if (!segments.isEmpty()) {
      parts.add("debtor segment in " + segments);
    }
    if (minLatePaymentsLast12Months != null) {
      parts.add(minLatePaymentsLast12Months + "+ late payments in 12 months");
    }
    if (!parts.isEmpty()) {
      b.append(" (").append(String.join(", ", parts)).append(")");
    }
    return b.toString();
  }
}
