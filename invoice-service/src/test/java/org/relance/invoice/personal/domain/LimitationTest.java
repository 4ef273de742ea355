package org.relance.invoice.personal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LimitationTest {

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void in_france_the_creditor_may_sue_for_five_years_from_the_due_date() {
    assertThat(Limitation.of("FR")).isEqualTo(Limitation.FR);
    assertThat(Limitation.FR.lastDayToSue(d("2026-03-01"))).isEqualTo(d("2031-03-01"));
    assertThat(Limitation.FR.ended(d("2026-03-01"), d("2031-03-01"))).isFalse();
    assertThat(Limitation.FR.ended(d("2026-03-01"), d("2031-03-02"))).isTrue();
    assertThat(Limitation.FR.basis()).contains("L110-4").contains("2224");
  }

  @Test
  void in_germany_three_years_run_from_the_end_of_the_year_the_claim_fell_due() {
    assertThat(Limitation.of("DE")).isEqualTo(Limitation.DE);
    // due early or late in 2026: the period starts at the close of 2026 either way
    assertThat(Limitation.DE.lastDayToSue(d("2026-01-02"))).isEqualTo(d("2029-12-31"));
    assertThat(Limitation.DE.lastDayToSue(d("2026-12-31"))).isEqualTo(d("2029-12-31"));
    assertThat(Limitation.DE.ended(d("2026-01-02"), d("2029-12-31"))).isFalse();
    assertThat(Limitation.DE.ended(d("2026-01-02"), d("2030-01-01"))).isTrue();
    assertThat(Limitation.DE.basis()).contains("BGB").contains("195").contains("199");
  }

  @Test
  void in_great_britain_six_years_from_the_due_date() {
    assertThat(Limitation.of("GB")).isEqualTo(Limitation.GB);
    assertThat(Limitation.GB.lastDayToSue(d("2026-03-01"))).isEqualTo(d("2032-03-01"));
    assertThat(Limitation.GB.ended(d("2026-03-01"), d("2032-03-01"))).isFalse();
    assertThat(Limitation.GB.ended(d("2026-03-01"), d("2032-03-02"))).isTrue();
    assertThat(Limitation.GB.basis()).contains("Limitation Act 1980 s. 5");
  }

  @Test
  void any_other_jurisdiction_keeps_five_years_from_the_due_date() {
    assertThat(Limitation.of("IT")).isEqualTo(Limitation.DEFAULT);
    assertThat(Limitation.of("UK")).isEqualTo(Limitation.DEFAULT);
    assertThat(Limitation.of(null)).isEqualTo(Limitation.DEFAULT);
    assertThat(Limitation.DEFAULT.lastDayToSue(d("2026-03-01"))).isEqualTo(d("2031-03-01"));
    assertThat(Limitation.DEFAULT.ended(d("2026-03-01"), d("2031-03-02"))).isTrue();
  }

  @Test
  void a_due_date_on_the_29th_of_february_ends_on_the_28th() {
    assertThat(Limitation.FR.lastDayToSue(d("2028-02-29"))).isEqualTo(d("2033-02-28"));
  }
}
