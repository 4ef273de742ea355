package org.relance.notification.reminder.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The local hours in which a reminder may leave, in the debtor's time zone: a mail that lands at
 * 23:00 or on a Sunday dawn reads as automated harassment, not as a creditor's letter.
 *
 * <p>{@code from} is inclusive, {@code to} exclusive. A window whose {@code from} is after its
 * {@code to} runs over midnight (22:00–06:00); {@code 24:00} as {@code to} is the end of the day; a
 * window whose two ends are equal is always open. Times are wall-clock times in {@code zone}, so a
 * window keeps its local hours across daylight-saving changes; an opening that falls in the
 * spring-forward gap moves to the first instant after it.
 */
public record SendWindow(LocalTime from, LocalTime to, ZoneId zone) {

  /**
   * Reads the {@code sendWindow} of a request.
   *
   * @throws IllegalArgumentException when a time is not {@code HH:mm} of a real hour or the zone is
   *     not a known time-zone id
   */
  public static SendWindow of(String from, String to, String zone) {
    try {
      return new SendWindow(
          LocalTime.parse(from),
          "24:00".equals(to) ? LocalTime.MIDNIGHT : LocalTime.parse(to),
          ZoneId.of(zone));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "invalid send window " + from + "-" + to + " " + zone + ": " + e.getMessage(), e);
    }
  }

  public boolean isOpenAt(Instant instant) {
    LocalTime t = instant.atZone(zone).toLocalTime();
    if (from.equals(to)) {
      return true;
    }
    if (from.isBefore(to)) {
      return !t.isBefore(from) && t.isBefore(to);
    }
    return !t.isBefore(from) || t.isBefore(to);
  }

  /** The first opening of the window strictly after {@code instant}. */
  public Instant nextOpeningAfter(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    ZonedDateTime opening = ZonedDateTime.of(local.toLocalDate(), from, zone);
    if (!opening.toInstant().isAfter(instant)) {
      opening = ZonedDateTime.of(local.toLocalDate().plusDays(1), from, zone);
    }
    return opening.toInstant();
  }

  /** When a reminder that would leave at {@code now} must wait: empty while the window is open. */
  public Optional<Instant> holdUntil(Instant now) {
    return isOpenAt(now) ? Optional.empty() : Optional.of(nextOpeningAfter(now));
  }
}
