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
    overdue = Map.copyOf(overdue);
  }
}
