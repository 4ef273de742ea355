package org.relance.dunning.plan.domain;

import java.math.BigDecimal;

/**
 * How a plan behaves beyond its steps.
 *
 * @param dunPenaltiesAlone keep dunning once the principal is paid while penalties are still due
 *     (off by default: "paid" means the principal is paid)
 * @param escalationMinimum a case escalates only while more than this is still due (in the
 *     invoice's currency); below it, chasing costs more than it brings
 * @param maxCallAttempts a call answered by no one is tried again on the next business day, up to
 *     this many calls in all
 * @param groupByDebtor one message per debtor when several of its invoices reach a step the same
 *     day
 * @param paymentGraceDays business days after a promised date or an instalment date before the
 *     promise is broken or the payment plan defaulted: a transfer made on the day reaches the
 *     creditor, and the ERP, a day or two later
 */
public record PlanSettings(
    boolean dunPenaltiesAlone,
    BigDecimal escalationMinimum,
    int maxCallAttempts,
    boolean groupByDebtor,
    int paymentGraceDays) {

  public static final int DEFAULT_GRACE_DAYS = 2;

  public static final PlanSettings DEFAULT =
      new PlanSettings(false, BigDecimal.ZERO, 3, true, DEFAULT_GRACE_DAYS);

  public PlanSettings {
    escalationMinimum = escalationMinimum == null ? BigDecimal.ZERO : escalationMinimum;
  }

  public PlanSettings(
      boolean dunPenaltiesAlone,
      BigDecimal escalationMinimum,
      int maxCallAttempts,
      boolean groupByDebtor) {
    this(dunPenaltiesAlone, escalationMinimum, maxCallAttempts, groupByDebtor, DEFAULT_GRACE_DAYS);
  }
}
