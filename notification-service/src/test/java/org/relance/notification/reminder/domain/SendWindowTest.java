package org.relance.notification.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class SendWindowTest {

  private static final SendWindow OFFICE_HOURS = SendWindow.of("08:00", "18:00", "Europe/Paris");

  private static Instant paris(String localDateTime) {
    return ZonedDateTime.parse(localDateTime + "[Europe/Paris]").toInstant();
  }

  @Test
  void a_reminder_due_at_eight_in_the_evening_waits_for_eight_the_next_morning() {
    Instant now = paris("2026-02-05T20:00+01:00");

    assertThat(OFFICE_HOURS.isOpenAt(now)).isFalse();
    assertThat(OFFICE_HOURS.holdUntil(now)).contains(paris("2026-02-06T08:00+01:00"));
    assertThat(OFFICE_HOURS.holdUntil(now)).contains(Instant.parse("2026-02-06T07:00:00Z"));
  }

  @Test
  void a_reminder_due_before_the_window_opens_waits_until_it_opens_the_same_day() {
    assertThat(OFFICE_HOURS.holdUntil(paris("2026-02-05T06:30+01:00")))
        .contains(paris("2026-02-05T08:00+01:00"));
  }

  @Test
  void a_reminder_inside_the_window_leaves_at_once() {
    assertThat(OFFICE_HOURS.holdUntil(paris("2026-02-05T08:00+01:00"))).isEmpty();
    assertThat(OFFICE_HOURS.holdUntil(paris("2026-02-05T17:59+01:00"))).isEmpty();
  }

  @Test
  void the_end_of_the_window_is_already_outside_it() {
    assertThat(OFFICE_HOURS.holdUntil(paris("2026-02-05T18:00+01:00")))
        .contains(paris("2026-02-06T08:00+01:00"));
  }

  @Test
  void the_window_keeps_its_local_hours_across_the_change_to_summer_time() {
    // the night of 28 to 29 March 2026 Paris moves from UTC+1 to UTC+2
    assertThat(OFFICE_HOURS.holdUntil(paris("2026-03-28T20:00+01:00")))
        .contains(Instant.parse("2026-03-29T06:00:00Z"));
  }

  @Test
  void the_window_is_read_in_its_own_zone_not_in_utc() {
    SendWindow montreal = SendWindow.of("08:00", "18:00", "America/Montreal");
    Instant noonInParis = paris("2026-02-05T12:00+01:00"); // 06:00 in Montreal

    assertThat(OFFICE_HOURS.isOpenAt(noonInParis)).isTrue();
    assertThat(montreal.holdUntil(noonInParis)).contains(Instant.parse("2026-02-05T13:00:00Z"));
  }

  @Test
  void a_window_over_midnight_is_open_late_and_early_and_closed_in_between() {
    SendWindow night = SendWindow.of("22:00", "06:00", "Europe/Paris");

    assertThat(night.isOpenAt(paris("2026-02-05T23:30+01:00"))).isTrue();
    assertThat(night.isOpenAt(paris("2026-02-06T05:59+01:00"))).isTrue();
    assertThat(night.holdUntil(paris("2026-02-06T12:00+01:00")))
        .contains(paris("2026-02-06T22:00+01:00"));
  }

  @Test
  void a_window_until_24_00_is_open_until_the_end_of_the_day() {
    SendWindow evening = SendWindow.of("09:00", "24:00", "Europe/Paris");

    assertThat(evening.isOpenAt(paris("2026-02-05T23:59+01:00"))).isTrue();
    assertThat(evening.holdUntil(paris("2026-02-06T00:30+01:00")))
        .contains(paris("2026-02-06T09:00+01:00"));
  }

  @Test
  void an_impossible_hour_or_an_unknown_zone_is_refused_with_the_window_named() {
    assertThatThrownBy(() -> SendWindow.of("29:00", "18:00", "Europe/Paris"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("29:00-18:00");
    assertThatThrownBy(() -> SendWindow.of("08:00", "18:00", "Europe/Lutece"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Europe/Lutece");
  }
}
