package org.relance.dunning.plan.domain;

/** How a reminder reaches the debtor. */
public enum Channel {
  EMAIL,
  SMS,
  /** A postal letter. */
  LETTER,
  /** A registered letter with acknowledgment of receipt (lettre recommandée avec AR). */
  REGISTERED_LETTER,
  /** A task for a collector to call the debtor. */
  PHONE_TASK
}
