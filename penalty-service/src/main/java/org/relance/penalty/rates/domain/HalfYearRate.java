package org.relance.penalty.rates.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A rate in force for one half-year, with where it comes from.
 *
 * @param from first day of the half-year (1 January or 1 July)
 * @param ratePercent the rate, 12.15 meaning 12.15 %
 */
public record HalfYearRate(LocalDate from, BigDecimal ratePercent, String source) {

  public LocalDate to() {
    return from.plusMonths(6).minusDays(1);
  }

  public boolean covers(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to());
  }

  public static LocalDate halfYearStart(LocalDate day) {
    return LocalDate.of(day.getYear(), day.getMonthValue() <= 6 ? 1 : 7, 1);
  }
}
