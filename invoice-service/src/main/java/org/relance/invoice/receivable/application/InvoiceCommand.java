package org.relance.invoice.receivable.application;

import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.money.Money;
import org.relance.invoice.receivable.domain.DisputeCategory;
import org.relance.invoice.receivable.domain.DisputeOutcome;
import org.relance.invoice.receivable.domain.InvoiceTerms;

/**
 * What a tenant's ERP or credit manager asks of an invoice; each is run by {@link InvoiceCommands}.
 */
public sealed interface InvoiceCommand {

  /** The tenant the command acts for: an invoice of another tenant is not found. */
  String tenant();

  /** An ERP posts an invoice for collection; the same content again is the same invoice. */
  record Issue(String tenant, InvoiceTerms terms) implements InvoiceCommand {}

  /** Funds reached the creditor on {@code paidOn}; idempotent on the reference. */
  record RecordPayment(
      String tenant, UUID invoiceId, String reference, Money amount, LocalDate paidOn)
      implements InvoiceCommand {}

  /**
   * The debtor contests the invoice.
   *
   * @param amountDisputed the contested part, or {@code null} for the whole invoice
   */
  record OpenDispute(
      String tenant,
      UUID invoiceId,
      DisputeCategory category,
      String reason,
      Money amountDisputed,
      String actor)
      implements InvoiceCommand {}

  /** The open dispute {@code disputeId} is closed. */
  record ResolveDispute(
      String tenant,
      UUID invoiceId,
      UUID disputeId,
      DisputeOutcome outcome,
      String note,
      String actor)
      implements InvoiceCommand {}
}
