package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.relance.contracts.money.Money;

/**
 * A statement of late-payment penalties as of a date: one period per span of constant base and
 * rate, each rounded to the cent, the interest being their sum, so the statement adds up.
 */
public record Assessment(
    Trigger trigger, LocalDate asOf, Money principal, Money principalOutstanding, List<Period> periods,
    Money interest, Money indemnity, Money total) {

  /**
   * @param from first late day of the span, inclusive
   * @param to last day of the span, inclusive
   */
  public record Period(LocalDate from, LocalDate to, long days, Money base, BigDecimal ratePercent, Money interest,
      String rule, String reference) {}
}
