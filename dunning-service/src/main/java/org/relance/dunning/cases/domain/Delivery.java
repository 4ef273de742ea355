package org.relance.dunning.cases.domain;

/** What notification-service reported for a reminder request. */
public enum Delivery {
  /** {@code ReminderSent}: the reminder left, with its proof. */
  SENT,
  /** {@code ReminderFailed}: it could not be sent; a person has to act. */
  FAILED
}
