package org.relance.dunning.cases.domain;

/** What a collector's call gave. */
public enum CallOutcome {
  /** Spoke to the debtor; nothing more agreed. The plan goes on. */
  REACHED,
  /** No one answered: the call is tried again on the next business day, a set number of times. */
  NO_ANSWER,
  /** The debtor promised to pay by a date: the plan pauses until then. */
  PROMISE_TO_PAY,
  /**
   * The debtor contests the invoice: the plan pauses while the dispute is recorded in
   * invoice-service (at most {@link DunningDecider#REPORTED_DISPUTE_DAYS} days if nobody does).
   */
  DISPUTE,
  /** The number or person was wrong: the debtor's contacts are flagged for the ERP to fix. */
  WRONG_CONTACT
}
