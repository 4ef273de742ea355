package org.relance.contracts;

/** What an event's Kafka key (its CloudEvents {@code subject}) identifies. */
public enum KeyKind {
  /** The invoice id: all events about one invoice land in one partition, in order. */
  INVOICE,
  /** The debtor id: credit holds and grouped reminders. */
  DEBTOR,
  /** The tenant: the business clock. */
  TENANT,
  /** The id of a reference-data series, such as a rate table. */
  REFERENCE_DATA
}
