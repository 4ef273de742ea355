package org.relance.invoice.receivable.domain;

/** How a dispute ended, as the InvoiceDisputeResolved contract lists it. */
public enum DisputeOutcome {
  /** The claim stands as invoiced: collection resumes on the whole outstanding amount. */
  UPHELD_FOR_CREDITOR,
  /** Creditor and debtor agreed; what changes in the amount comes as payments or credit notes. */
  SETTLED,
  WITHDRAWN_BY_DEBTOR,
  /** The creditor owes a credit note (avoir), issued in the ERP. */
  CREDIT_NOTE_DUE
}
