package org.relance.penalty.assessment.domain;

/** Why penalties were assessed. */
public enum Trigger {
  DUE_DATE_PASSED,
  PAYMENT,
  FORMAL_NOTICE,
  ESCALATION
}
