package org.relance.invoice.clock.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The business date of one tenant. Time is an event: each calendar day starts with a {@code
 * DayStarted}, and every decision that depends on the date reads it from the log, so ninety days of
 * dunning can run in seconds in a demo and a replay decides as it did.
 */
public final class BusinessClock {

  /** The most days one advance may cover: a year and a day, so a typo cannot flood the log. */
  public static final int MAX_ADVANCE = 366;

  private BusinessClock() {}

  /** The days that start when the clock moves from {@code today} by {@code days}, in order. */
  public static List<LocalDate> advance(LocalDate today, int days) {
    if (days < 1 || days > MAX_ADVANCE) {
      throw new IllegalArgumentException("days must be between 1 and " + MAX_ADVANCE);
    }
    List<LocalDate> started = new ArrayList<>();
    for (int i = 1; i <= days; i++) {
      started.add(today.plusDays(i));
    }
    return started;
  }

  /** The days to catch up after downtime, so that the clock reaches {@code wallDate}. */
  public static List<LocalDate> catchUp(LocalDate today, LocalDate wallDate) {
    List<LocalDate> started = new ArrayList<>();
    for (LocalDate d = today.plusDays(1); !d.isAfter(wallDate); d = d.plusDays(1)) {
      started.add(d);
    }
    return started;
  }
}
