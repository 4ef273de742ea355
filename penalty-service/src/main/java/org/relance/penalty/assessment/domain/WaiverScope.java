package org.relance.penalty.assessment.domain;

/** What a waiver waives of the latest statement. */
public enum WaiverScope {
  ALL,
  INTEREST,
  INDEMNITY
}
