package org.relance.penalty.rates.domain;

import java.time.LocalDate;

/**
 * A rate a computation needs is not known, or not verified, for the day: the engine never guesses.
 */
public class RateUnknown extends RuntimeException {

  private final String series;
  private final LocalDate day;

  public RateUnknown(String series, LocalDate day, String message) {
    super(message);
    this.series = series;
    this.day = day;
  }

  public String series() {
    return series;
  }

  public LocalDate day() {
    return day;
  }
}
