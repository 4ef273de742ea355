package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.relance.contracts.money.Money;
import org.relance.penalty.rates.domain.HalfYearRate;
import org.relance.penalty.rates.domain.RateSeries;

/**
 * French late-payment penalties (Code de commerce L441-10 II, D441-5), as the foundation computes
 * them: simple interest on the outstanding principal, actual days / 365, from the day after the due
 * date through the payment date, at the rate of the half-year of the first late day (the
 * penalty-engine issue splits across half-years), plus the 40 EUR recovery indemnity per late
 * invoice. Partial payments go to the principal first.
 */
public final class PenaltyEngine {

  private static final BigDecimal DAYS_IN_YEAR = BigDecimal.valueOf(365);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal THREE = BigDecimal.valueOf(3);
  static final String INTEREST_REFERENCE = "Code de commerce L441-10 II";
  static final String INDEMNITY_REFERENCE = "Code de commerce L441-10 II, D441-5";

  private PenaltyEngine() {}

  /** Thrown when a rate the assessment needs is not known: the engine never guesses one. */
  public static class RateUnknown extends RuntimeException {
    public RateUnknown(String message) {
      super(message);
    }
  }

  public static Assessment assess(LateInvoice invoice, LocalDate asOf, Trigger trigger) {
    Money principal = invoice.principal();
    Money zero = Money.zero(principal.currency());
    LocalDate firstLate = invoice.dueDate().plusDays(1);
    Money base = principal;
    for (LateInvoice.Payment p : invoice.payments()) {
      if (!p.paidOn().isAfter(invoice.dueDate())) {
        base = base.minus(p.amount().min(base));
      }
    }
    List<Assessment.Period> periods = new ArrayList<>();
    boolean late = base.isPositive() && asOf.isAfter(invoice.dueDate());
    if (late) {
      Rate rate = rate(invoice, firstLate);
      LocalDate from = firstLate;
      for (LateInvoice.Payment p : invoice.payments()) {
        if (!p.paidOn().isAfter(invoice.dueDate()) || p.paidOn().isAfter(asOf) || !base.isPositive()) {
          continue;
        }
        periods.add(period(from, p.paidOn(), base, rate));
        base = base.minus(p.amount().min(base));
        from = p.paidOn().plusDays(1);
      }
      if (base.isPositive() && !from.isAfter(asOf)) {
        periods.add(period(from, asOf, base, rate));
      }
    }
    Money outstanding = principal;
    for (LateInvoice.Payment p : invoice.payments()) {
      if (!p.paidOn().isAfter(asOf)) {
        outstanding = outstanding.minus(p.amount().min(outstanding));
      }
    }
    Money interest = periods.stream().map(Assessment.Period::interest).reduce(zero, Money::plus);
    Money indemnity = late && "EUR".equals(principal.currencyCode()) ? Money.of("40.00", "EUR") : zero;
    return new Assessment(trigger, asOf, principal, outstanding, periods, interest, indemnity, interest.plus(indemnity));
  }

  private record Rate(BigDecimal percent, String rule) {}

  private static Rate rate(LateInvoice invoice, LocalDate firstLate) {
    HalfYearRate standard = RateSeries.FR_DEFAULT.on(firstLate).orElseThrow(() -> new RateUnknown(
        "no verified French default rate for the half-year of " + firstLate + " (series verified through "
            + RateSeries.FR_DEFAULT.verifiedThrough() + ")"));
    BigDecimal contract = invoice.contractualRatePercent();
    if (contract == null) {
      return new Rate(standard.ratePercent(), "FR default rate " + standard.ratePercent() + " %: " + standard.source());
    }
    HalfYearRate legal = RateSeries.FR_LEGAL_PROFESSIONAL.on(firstLate).orElseThrow(() -> new RateUnknown(
        "no verified French legal interest rate for the half-year of " + firstLate));
    BigDecimal floor = legal.ratePercent().multiply(THREE);
    if (contract.compareTo(floor) >= 0) {
      return new Rate(contract, "contractual rate " + contract.toPlainString() + " % (not below 3 x legal rate "
          + floor.toPlainString() + " %)");
    }
    return new Rate(floor, "contractual rate " + contract.toPlainString() + " % raised to the floor of 3 x legal rate "
        + legal.ratePercent().toPlainString() + " % = " + floor.toPlainString() + " %");
  }

  private static Assessment.Period period(LocalDate from, LocalDate to, Money base, Rate rate) {
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    BigDecimal interest = base.amount().multiply(rate.percent()).multiply(BigDecimal.valueOf(days))
        .divide(HUNDRED.multiply(DAYS_IN_YEAR), 2, RoundingMode.HALF_UP);
    return new Assessment.Period(from, to, days, base, rate.percent(), new Money(interest, base.currency()),
        rate.rule() + "; actual days / 365", INTEREST_REFERENCE);
  }

}
