package org.relance.penalty.rates.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;

class RateRecordingTest {

  private static final RateSeries LEGAL = RateBook.seed().get(RateBook.FR_LEGAL_PROFESSIONAL);
  private static final RateSeries MRO = RateBook.seed().get(RateBook.ECB_MRO);

  @Test
  void a_half_yearly_rate_takes_effect_on_1_january_or_1_july_and_a_central_bank_rate_any_day() {
    assertThat(
            RateRecording.faults(
                LEGAL, LocalDate.parse("2026-07-02"), new BigDecimal("2.62"), null))
        .containsExactly(
            new Refusal.Violation(
                "effectiveFrom", "a half-yearly rate takes effect on 1 January or 1 July"));
    assertThat(
            RateRecording.faults(MRO, LocalDate.parse("2026-06-10"), new BigDecimal("2.40"), null))
        .isEmpty();
  }

  @Test
  void a_rate_out_of_range_and_a_verified_date_before_the_value_are_named() {
    assertThat(
            RateRecording.faults(
                MRO,
                LocalDate.parse("2026-06-10"),
                new BigDecimal("-5.01"),
                LocalDate.parse("2026-06-09")))
        .extracting(Refusal.Violation::field)
        .containsExactly("ratePercent", "verifiedThrough");
  }
}
