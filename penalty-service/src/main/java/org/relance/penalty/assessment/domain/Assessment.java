package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.relance.contracts.money.Money;

/**
 * A statement of late-payment penalties as of a date: one period per span of constant base and
 * rate, each rounded half-up to the cent, the interest being their sum, so the statement adds up.
 *
 * @param interest all interest accrued to {@code asOf}
 * @param indemnity the fixed compensation for recovery costs
 * @param total interest + indemnity
 * @param penaltiesPaid the part of the payments that went to interest or indemnity (interest first,
 *     or what exceeded the principal)
 * @param penaltiesOutstanding total - penaltiesPaid: still claimable after the principal is paid
 * @param exactInterest the interest before rounding, for checks; not a figure to quote
 */
public record Assessment(
    Jurisdiction jurisdiction,
    LocalDate asOf,
    Allocation allocation,
    Money principal,
    Money principalOutstanding,
    List<Period> periods,
    Money interest,
    Money indemnity,
    Rule indemnityRule,
    Money total,
    Money penaltiesPaid,
    Money penaltiesOutstanding,
    BigDecimal exactInterest) {

  /**
   * @param from first day of the span, inclusive
   * @param to last day of the span, inclusive
   */
  public record Period(
      LocalDate from,
      LocalDate to,
      long days,
      Money base,
      BigDecimal ratePercent,
      Money interest,
      String rule,
      String reference) {}

  /** A rule applied and its legal reference. */
  public record Rule(String text, String reference) {}

  public Money amountDue() {
    return principalOutstanding.plus(penaltiesOutstanding);
  }
}
