package org.relance.dunning.calendar.application;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.relance.dunning.calendar.domain.BusinessCalendar;

/**
 * Public holidays from jollyday (de.focus-shift), a maintained library of holiday rules per country
 * and region, rather than a hand-written list that goes stale.
 */
public final class Holidays {

  private static final Map<String, BusinessCalendar> CALENDARS = new ConcurrentHashMap<>();

  private Holidays() {}

  /** The business calendar of an ISO 3166 country (FR, DE, GB, ...). */
  public static BusinessCalendar of(String country) {
    return CALENDARS.computeIfAbsent(
        country.toUpperCase(Locale.ROOT),
        c -> {
          HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(c));
          Map<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();
          return new BusinessCalendar(
              day ->
                  Optional.ofNullable(
                      byYear
                          .computeIfAbsent(
                              day.getYear(),
                              y -> {
                                Map<LocalDate, String> days = new ConcurrentHashMap<>();
                                for (Holiday h :
                                    manager.getHolidays(
                                        java.time.Year.of(y), HolidayType.PUBLIC_HOLIDAY)) {
                                  days.put(h.getDate(), h.getDescription(Locale.FRENCH));
                                }
                                return days;
                              })
                          .get(day)));
        });
  }
}
