package org.relance.penalty.rates.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An effective-dated series of rates, known to be complete up to {@code verifiedThrough}: a day
 * past it has no rate, and the engine says which rate is missing rather than guess.
 *
 * <p>Two kinds: a {@code STEP} series (a central bank's rate) holds each value until the next one;
 * a {@code HALF_YEARLY} series (the French legal rate, the German base rate, the UK reference rate)
 * has one value per half-year, and a half-year without its value has none.
 */
public record RateSeries(
    String id, String name, Kind kind, List<RatePoint> points, LocalDate verifiedThrough) {

  public enum Kind {
    STEP,
    HALF_YEARLY
  }

  public RateSeries {
    points = points.stream().sorted(Comparator.comparing(RatePoint::effectiveFrom)).toList();
  }

  /** The value in force on {@code day}, if the series is verified that far. */
  public Optional<RatePoint> on(LocalDate day) {
    if (day.isAfter(verifiedThrough)) {
      return Optional.empty();
    }
    if (kind == Kind.HALF_YEARLY) {
      LocalDate start = halfYearStart(day);
      return points.stream().filter(p -> p.effectiveFrom().equals(start)).findFirst();
    }
    RatePoint inForce = null;
    for (RatePoint p : points) {
      if (!p.effectiveFrom().isAfter(day)) {
        inForce = p;
      }
    }
    return Optional.ofNullable(inForce);
  }

  public RatePoint require(LocalDate day) {
    return on(day)
        .orElseThrow(
            () ->
                new RateUnknown(
                    id,
                    day,
                    day.isAfter(verifiedThrough)
                        ? name
                            + " is verified only through "
                            + verifiedThrough
                            + ": no rate for "
                            + day
                        : name + " has no value for " + day));
  }

  /** The series with one more value (a later one replaces a value of the same day). */
  public RateSeries with(RatePoint point, LocalDate newVerifiedThrough) {
    List<RatePoint> all =
        new ArrayList<>(
            points.stream().filter(p -> !p.effectiveFrom().equals(point.effectiveFrom())).toList());
    all.add(point);
    LocalDate through = newVerifiedThrough != null ? newVerifiedThrough : verifiedThrough;
    return new RateSeries(id, name, kind, all, through);
  }

  public static LocalDate halfYearStart(LocalDate day) {
    return LocalDate.of(day.getYear(), day.getMonthValue() <= 6 ? 1 : 7, 1);
  }

  public static LocalDate nextHalfYearStart(LocalDate day) {
    return halfYearStart(day).plusMonths(6);
  }
}
