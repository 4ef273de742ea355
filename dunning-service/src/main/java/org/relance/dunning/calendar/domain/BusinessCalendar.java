package org.relance.dunning.calendar.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * The creditor's working days: reminders leave only on them, and a step falling on a weekend or a
 * public holiday moves to the next one. The legal due date itself never moves (L441-10 counts from
 * it); only the sending does.
 */
public final class BusinessCalendar {

  private final Function<LocalDate, Optional<String>> holidays;

  /**
   * @param holidays the name of the public holiday on a day, if it is one
   */
  public BusinessCalendar(Function<LocalDate, Optional<String>> holidays) {
    this.holidays = holidays;
  }

  /** Every weekday is a business day (for tests of rules that are not about the calendar). */
  public static BusinessCalendar weekdaysOnly() {
    return new BusinessCalendar(d -> Optional.empty());
  }

  public boolean isBusinessDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY
        && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && holidays.apply(day).isEmpty();
  }

  /** The day itself if it is a business day, else the next one. */
  public LocalDate onOrAfter(LocalDate day) {
    LocalDate d = day;
    while (!isBusinessDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  /** The {@code n}-th business day after {@code day} ({@code day} itself when n is 0). */
  public LocalDate plusBusinessDays(LocalDate day, int n) {
    LocalDate d = day;
    for (int i = 0; i < n; i++) {
      d = onOrAfter(d.plusDays(1));
    }
    return d;
  }

  /** Why a day is not a business day, or empty when it is one. */
  public Optional<String> closedBecause(LocalDate day) {
    Optional<String> holiday = holidays.apply(day);
    if (holiday.isPresent()) {
      return holiday;
    }
    if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      return Optional.of("weekend");
    }
    return Optional.empty();
  }
}
