package org.relance.invoice.clock.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessClockTest {

  @Test
  void advancing_starts_each_calendar_day_in_order_weekends_included() {
    assertThat(BusinessClock.advance(LocalDate.parse("2026-02-27"), 3))
        .containsExactly(
            LocalDate.parse("2026-02-28"),
            LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-03-02"));
  }

  @Test
  void catching_up_after_downtime_starts_every_missed_day_up_to_the_wall_date() {
    assertThat(BusinessClock.catchUp(LocalDate.parse("2026-12-30"), LocalDate.parse("2027-01-02")))
        .hasSize(3);
    assertThat(BusinessClock.catchUp(LocalDate.parse("2026-12-30"), LocalDate.parse("2026-12-30")))
        .isEmpty();
  }

  @Test
  void an_advance_of_zero_or_more_than_a_year_is_refused() {
    assertThatThrownBy(() -> BusinessClock.advance(LocalDate.parse("2026-01-01"), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BusinessClock.advance(LocalDate.parse("2026-01-01"), 367))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
