package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * What the engine needs of an invoice: its principal (amount due including tax, the usual base),
 * due date, jurisdiction, contractual rate if any, and the payments received.
 */
public record LateInvoice(
    UUID invoiceId, String invoiceNumber, String jurisdiction, Money principal, LocalDate dueDate,
    BigDecimal contractualRatePercent, List<Payment> payments) {

  public LateInvoice {
    payments = payments.stream().sorted(Comparator.comparing(Payment::paidOn)).toList();
  }

  /** Funds that reached the creditor on {@code paidOn}. */
  public record Payment(LocalDate paidOn, Money amount) {}
}
