package org.relance.invoice.personal.domain;

import java.time.LocalDate;

/**
 * How long a creditor may sue for an unpaid invoice, by the jurisdiction whose law governs it: the
 * limitation period (prescription, Verjährung). Once it has ended, the creditor has no legal basis
 * left to keep the debtor's personal data for that claim.
 *
 * <p>The rules kept here are the general periods for commercial claims; a jurisdiction without a
 * rule of its own gets {@link #DEFAULT}, five years from the due date, which errs on the side of
 * keeping the claim (the shortest of these periods would erase too early).
 */
public enum Limitation {

  /** Five years from the due date: Code de commerce art. L110-4, Code civil art. 2224. */
  FR("5 years from the due date, Code de commerce art. L110-4 and Code civil art. 2224") {
    @Override
    public LocalDate lastDayToSue(LocalDate dueDate) {
      return dueDate.plusYears(5);
    }
  },

  /**
   * Three years from the end of the year in which the claim fell due: BGB §§ 195, 199 (the period
   * starts at the close of that year and ends on 31 December three years later).
   */
  DE("3 years from the end of the year the claim fell due, BGB §§ 195 and 199") {
    @Override
    public LocalDate lastDayToSue(LocalDate dueDate) {
      return LocalDate.of(dueDate.getYear() + 3, 12, 31);
    }
  },

  /** Six years from the due date: Limitation Act 1980 s. 5 (a simple contract debt). */
  GB("6 years from the due date, Limitation Act 1980 s. 5") {
    @Override
    public LocalDate lastDayToSue(LocalDate dueDate) {
      return dueDate.plusYears(6);
    }
  },

  /** Any other jurisdiction: five years from the due date, a conservative default. */
  DEFAULT("5 years from the due date, the default where no rule is recorded") {
    @Override
    public LocalDate lastDayToSue(LocalDate dueDate) {
      return dueDate.plusYears(5);
    }
  };

  private final String basis;

  Limitation(String basis) {
    this.basis = basis;
  }

  /** The rule of an invoice's jurisdiction (an ISO 3166 alpha-2 code), or {@link #DEFAULT}. */
  public static Limitation of(String jurisdiction) {
    if (jurisdiction == null) {
      return DEFAULT;
    }
    return switch (jurisdiction) {
      case "FR" -> FR;
      case "DE" -> DE;
      case "GB" -> GB;
      default -> DEFAULT;
    };
  }

  /**
   * The last day on which the creditor may still sue for a claim that fell due on {@code dueDate}.
   */
  public abstract LocalDate lastDayToSue(LocalDate dueDate);

  /** Whether the period has ended on {@code today}: the day after the last day to sue, or later. */
  public boolean ended(LocalDate dueDate, LocalDate today) {
    return today.isAfter(lastDayToSue(dueDate));
  }

  /** The period and its legal source, as the refusals and proposals quote it. */
  public String basis() {
    return basis;
  }
}
