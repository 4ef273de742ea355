package org.relance.invoice.personal.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * One invoice of a data subject (the debtor), as the erasure rules weigh it: what is still owed,
 * when it fell due, and under which jurisdiction's limitation period.
 *
 * @param jurisdiction the ISO 3166 country whose law governs the invoice
 * @param outstanding what is still due; zero once the invoice is paid in full (closed)
 */
public record Claim(
    UUID invoiceId,
    String invoiceNumber,
    String jurisdiction,
    LocalDate dueDate,
    Money outstanding) {

  public Claim {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(outstanding, "outstanding");
  }

  /** Paid in full: nothing left to claim. */
  public boolean closed() {
    return !outstanding.isPositive();
  }

  public Limitation limitation() {
    return Limitation.of(jurisdiction);
  }

  /** The last day the creditor may sue for it. */
  public LocalDate lastDayToSue() {
    return limitation().lastDayToSue(dueDate);
  }

  /** Whether its limitation period has ended on {@code today} (whether paid or not). */
  public boolean timeBarred(LocalDate today) {
    return limitation().ended(dueDate, today);
  }
}
