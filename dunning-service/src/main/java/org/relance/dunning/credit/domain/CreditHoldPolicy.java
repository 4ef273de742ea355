package org.relance.dunning.credit.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When to tell the ERP to stop taking orders from a debtor (a credit hold), and when to lift it:
 * overdue debt above an amount (in any one currency), an invoice late by more than a number of
 * days, or an invoice escalated to litigation. The hold lifts on the first day none holds.
 *
 * @param overdueAmount hold when a currency's overdue total is above this; null: not a reason
 * @param daysLate hold when an unpaid invoice is later than this; null: not a reason
 */
public record CreditHoldPolicy(BigDecimal overdueAmount, Integer daysLate, boolean onEscalation) {

  /** Why the debtor should be on hold; empty when it should not. */
  public List<String> reasons(DebtorExposure e) {
    List<String> reasons = new ArrayList<>();
    if (overdueAmount != null) {
      for (Map.Entry<String, BigDecimal> o : e.overdue().entrySet()) {
        if (o.getValue().compareTo(overdueAmount) > 0) {
          reasons.add(
              "overdue "
                  + o.getValue().toPlainString()
                  + " "
                  + o.getKey()
                  + " is above "
                  + overdueAmount.toPlainString()
                  + " "
                  + o.getKey());
        }
      }
    }
    if (daysLate != null && e.oldestDaysLate() > daysLate) {
      reasons.add(
          "an invoice is " + e.oldestDaysLate() + " days late, more than " + daysLate + " days");
    }
    if (onEscalation && e.escalated() > 0) {
      reasons.add(e.escalated() + " invoice(s) escalated to litigation");
    }
    return reasons;
  }

  /** The change to record today, if any: true to place a hold, false to lift one. */
  public java.util.Optional<Boolean> change(DebtorExposure e, boolean heldNow) {
    boolean should = !reasons(e).isEmpty();
    return should == heldNow ? java.util.Optional.empty() : java.util.Optional.of(should);
  }
}
