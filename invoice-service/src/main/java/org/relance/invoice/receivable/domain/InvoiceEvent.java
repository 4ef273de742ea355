package org.relance.invoice.receivable.domain;

import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.money.Money;

/** What happened to an invoice, as invoice-service decided it. */
public sealed interface InvoiceEvent {

  record InvoiceIssued(UUID invoiceId, String tenant, InvoiceTerms terms) implements InvoiceEvent {}

  /** Funds reached the creditor on {@code paidOn}. */
  record PaymentReceived(
      UUID paymentId,
      String reference,
      Money amount,
      LocalDate paidOn,
      Money outstandingAfter,
      InvoiceStatus status)
      implements InvoiceEvent {}

  /**
   * The invoice was paid at its discounted amount inside the early-payment window (escompte): the
   * discount settles the rest. Comes just before the payment that settles the invoice.
   */
  record EarlyPaymentDiscountGranted(
      java.math.BigDecimal ratePercent,
      int withinDays,
      Money discount,
      LocalDate grantedOn,
      String paymentReference,
      Money outstandingAfter)
      implements InvoiceEvent {}

  /** The invoice was still open when the day after its due date began (once per invoice). */
  record DueDatePassed(LocalDate dueDate, LocalDate firstLateDay, Money outstanding)
      implements InvoiceEvent {}

  /**
   * The debtor contests the invoice (litige): dunning pauses until the dispute is resolved. At most
   * one dispute is open at a time.
   *
   * @param amountDisputed the contested part, in the invoice's currency; {@code null} for the whole
   *     invoice
   * @param openedOn the business date it was recorded
   * @param actor who recorded it
   * @param reasonErased the reason was erased with the debtor's personal data (read back so)
   */
  record InvoiceDisputed(
      UUID disputeId,
      DisputeCategory category,
      String reason,
      Money amountDisputed,
      LocalDate openedOn,
      String actor,
      boolean reasonErased)
      implements InvoiceEvent {

    public InvoiceDisputed(
        UUID disputeId,
        DisputeCategory category,
        String reason,
        Money amountDisputed,
        LocalDate openedOn,
        String actor) {
      this(disputeId, category, reason, amountDisputed, openedOn, actor, false);
    }
  }

  /**
   * The open dispute is closed; dunning resumes.
   *
   * @param note why, in the words of who closed it; may be {@code null}
   * @param noteErased the note was erased with the debtor's personal data (read back so)
   */
  record InvoiceDisputeResolved(
      UUID disputeId,
      DisputeOutcome outcome,
      String note,
      LocalDate resolvedOn,
      String actor,
      boolean noteErased)
      implements InvoiceEvent {

    public InvoiceDisputeResolved(
        UUID disputeId, DisputeOutcome outcome, String note, LocalDate resolvedOn, String actor) {
      this(disputeId, outcome, note, resolvedOn, actor, false);
    }
  }
}
