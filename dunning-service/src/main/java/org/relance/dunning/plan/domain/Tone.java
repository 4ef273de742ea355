package org.relance.dunning.plan.domain;

/** The register of a reminder, from a courteous nudge to a formal notice. */
public enum Tone {
  COURTEOUS,
  FIRM,
  /** Mise en demeure (Code civil 1344): a written demand stating the amount and a deadline. */
  FORMAL_NOTICE
}
