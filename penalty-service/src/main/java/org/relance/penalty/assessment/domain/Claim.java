package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.relance.contracts.money.Money;

/**
 * What penalties are computed on: a principal due on a date under a jurisdiction's rules, the
 * payments received, and the date of the statement.
 *
 * @param principal the amount due including tax (the usual base in France)
 * @param contractualRatePercent the late-payment rate of the contract, or null
 * @param payments in any order; those after {@code asOf} are ignored
 */
public record Claim(
    Jurisdiction jurisdiction,
    Money principal,
    LocalDate dueDate,
    BigDecimal contractualRatePercent,
    List<Payment> payments,
    LocalDate asOf,
    Allocation allocation) {

  public Claim {
    payments = List.copyOf(payments);
    allocation = allocation == null ? Allocation.PRINCIPAL_FIRST : allocation;
  }

  /** Funds that reached the creditor on {@code paidOn}. */
  public record Payment(LocalDate paidOn, Money amount) {}
}
