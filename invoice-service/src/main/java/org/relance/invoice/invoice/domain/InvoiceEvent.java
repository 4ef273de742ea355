package org.relance.invoice.invoice.domain;

import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.money.Money;

/** What happened to an invoice, as invoice-service decided it. */
public sealed interface InvoiceEvent {

  record InvoiceIssued(UUID invoiceId, String tenant, InvoiceTerms terms) implements InvoiceEvent {}

  /** Funds reached the creditor on {@code paidOn}. */
  record PaymentReceived(
      UUID paymentId, String reference, Money amount, LocalDate paidOn, Money outstandingAfter, InvoiceStatus status)
      implements InvoiceEvent {}

  /** The invoice was still open when the day after its due date began (once per invoice). */
  record DueDatePassed(LocalDate dueDate, LocalDate firstLateDay, Money outstanding) implements InvoiceEvent {}
}
