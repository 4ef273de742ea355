package org.relance.dunning.credit.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a debtor owes late on a day.
 *
 * @param overdue the principal past its due date, by currency
 * @param oldestDaysLate days late of its oldest unpaid invoice
 * @param escalated its invoices handed to litigation
 */
public record DebtorExposure(
    String debtorId,
    String debtorName,
    Map<String, BigDecimal> overdue,
    int oldestDaysLate,
    int escalated) {

  public DebtorExposure {
    // ordered by currency: the CreditHold events list the amounts in this order, and the same
    // decision must hash the same on every JVM (Map.copyOf's order changes between runs)
    overdue = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(overdue));
  }
}
