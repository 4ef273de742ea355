package org.relance.penalty.rates.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.relance.contracts.Refusal;

/**
 * A value of a rate series recorded by an operator ({@code RateRecorded}): reference data is events
 * too, so a replay computes with the rates that were known then.
 *
 * @param verifiedThrough the last day the series is now known to be complete, or null to keep it
 */
public record RateRecording(
    String series, RatePoint point, LocalDate verifiedThrough, String recordedBy) {

  /** The book with this value in it. */
  public RateBook applyTo(RateBook book) {
    return book.record(series, point, verifiedThrough);
  }

  /**
   * What is wrong with a value for a series, by field (named as the API names them); a field that
   * is missing (null) is left to the caller.
   */
  public static List<Refusal.Violation> faults(
      RateSeries series, LocalDate effectiveFrom, BigDecimal ratePercent, LocalDate through) {
    List<Refusal.Violation> faults = new ArrayList<>();
    // central banks have set negative rates (the ECB's deposit rate went to -0.5 %)
    if (ratePercent != null
        && (ratePercent.compareTo(BigDecimal.valueOf(-5)) < 0
            || ratePercent.compareTo(BigDecimal.valueOf(100)) > 0)) {
      faults.add(new Refusal.Violation("ratePercent", "must be between -5 and 100"));
    }
    if (effectiveFrom != null
        && series.kind() == RateSeries.Kind.HALF_YEARLY
        && !effectiveFrom.equals(RateSeries.halfYearStart(effectiveFrom))) {
      faults.add(
          new Refusal.Violation(
              "effectiveFrom", "a half-yearly rate takes effect on 1 January or 1 July"));
    }
    if (through != null && effectiveFrom != null && through.isBefore(effectiveFrom)) {
      faults.add(new Refusal.Violation("verifiedThrough", "must not be before effectiveFrom"));
    }
    return faults;
  }
}
