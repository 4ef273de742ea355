package org.relance.penalty.assessment.domain;

/** Which debt a partial payment settles first. */
public enum Allocation {
  /** The principal first: what ERPs usually do, and Relance's default. */
  PRINCIPAL_FIRST,
  /** Accrued interest first, as Code civil 1343-1 provides unless agreed otherwise. */
  INTEREST_FIRST
}
