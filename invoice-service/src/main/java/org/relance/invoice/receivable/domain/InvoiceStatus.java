package org.relance.invoice.receivable.domain;

/** Collection status of an invoice, derived from its events. */
public enum InvoiceStatus {
  /** Not fully paid, due date not yet passed. */
  OPEN,
  /** Due date passed, nothing paid. */
  OVERDUE,
  /** Something paid, something still due. */
  PARTIALLY_PAID,
  /** The principal is paid in full. */
  PAID
}
