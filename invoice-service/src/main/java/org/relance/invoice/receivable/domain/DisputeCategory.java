package org.relance.invoice.receivable.domain;

/** What the debtor contests, as the InvoiceDisputed contract lists it. */
public enum DisputeCategory {
  PRICE,
  QUANTITY,
  QUALITY,
  DELIVERY,
  /** The debtor says the goods or services were never ordered. */
  NOT_ORDERED,
  BILLING_ERROR,
  OTHER
}
