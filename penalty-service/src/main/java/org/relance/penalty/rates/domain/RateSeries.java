package org.relance.penalty.rates.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An effective-dated series of half-year rates, known to be complete up to {@code verifiedThrough}:
 * a date past it has no rate, and the engine says so rather than guess.
 */
public record RateSeries(String name, List<HalfYearRate> rates, LocalDate verifiedThrough) {

  public RateSeries {
    rates = List.copyOf(rates);
  }

  public Optional<HalfYearRate> on(LocalDate day) {
    if (day.isAfter(verifiedThrough)) {
      return Optional.empty();
    }
    return rates.stream().filter(r -> r.covers(day)).findFirst();
  }

  private static HalfYearRate h(String from, String rate, String source) {
    return new HalfYearRate(LocalDate.parse(from), new BigDecimal(rate), source);
  }

  private static final String MRO = "ECB main refinancing rate in force on the first day of the half-year + 10 points"
      + " (shared/legal-reference.md)";

  /**
   * The French default late-payment rate (Code de commerce L441-10 II): the ECB MRO rate on 1
   * January / 1 July + 10 points. Seeded from legal-reference.md; the 2026 H2 MRO is unverified,
   * so the series stops at 30 June 2026.
   */
  public static final RateSeries FR_DEFAULT = new RateSeries("FR default (MRO + 10)", List.of(
      h("2023-01-01", "12.50", "MRO 2.50 % (21 Dec 2022) + 10; " + MRO),
      h("2023-07-01", "14.00", "MRO 4.00 % (21 Jun 2023) + 10; " + MRO),
      h("2024-01-01", "14.50", "MRO 4.50 % (20 Sep 2023) + 10; " + MRO),
      h("2024-07-01", "14.25", "MRO 4.25 % (12 Jun 2024) + 10; " + MRO),
      h("2025-01-01", "13.15", "MRO 3.15 % (18 Dec 2024) + 10; " + MRO),
      h("2025-07-01", "12.15", "MRO 2.15 % (11 Jun 2025) + 10; " + MRO),
      h("2026-01-01", "12.15", "MRO 2.15 % (unchanged) + 10; " + MRO)),
      LocalDate.parse("2026-06-30"));

  /**
   * The French legal interest rate for professional creditors ("autres cas"), whose triple is
   * the floor of a contractual rate (L441-10 II). 2026 H2 is unverified.
   */
  public static final RateSeries FR_LEGAL_PROFESSIONAL = new RateSeries("FR legal rate (autres cas)", List.of(
      h("2023-01-01", "2.06", "taux d'intérêt légal 2023 S1, autres cas"),
      h("2023-07-01", "4.22", "taux d'intérêt légal 2023 S2, autres cas"),
      h("2024-01-01", "5.07", "taux d'intérêt légal 2024 S1, autres cas"),
      h("2024-07-01", "4.92", "taux d'intérêt légal 2024 S2, autres cas"),
      h("2025-01-01", "3.71", "taux d'intérêt légal 2025 S1, autres cas"),
      h("2025-07-01", "2.76", "taux d'intérêt légal 2025 S2, autres cas"),
      h("2026-01-01", "2.62", "taux d'intérêt légal 2026 S1, autres cas")),
      LocalDate.parse("2026-06-30"));
}
