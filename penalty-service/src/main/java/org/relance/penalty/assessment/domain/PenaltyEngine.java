package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.relance.contracts.money.Money;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RateSeries;

/**
 * Late-payment penalties, one engine for every jurisdiction ({@link Jurisdiction} holds their
 * differences):
 *
 * <ul>
 *   <li>simple interest on the outstanding principal, actual days / 365, from the day after the due
 *       date through the payment date (days late = payment date - due date);
 *   <li>each day at its own half-year's rate (the UK: one rate, fixed when the debt became late);
 *   <li>a new period at each half-year and after each payment; each period's interest rounded
 *       half-up to the cent, the total being the sum, so the statement adds up;
 *   <li>a partial payment goes to the principal first, or to accrued interest first (a setting);
 *       what exceeds the principal goes to the penalties;
 *   <li>the fixed compensation once per late claim.
 * </ul>
 */
public final class PenaltyEngine {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private PenaltyEngine() {}

  public static Assessment assess(Claim claim, RateBook rates) {
    return assess(claim, rates, Set.of());
  }

  /**
   * As {@link #assess(Claim, RateBook)}, with extra period boundaries: a period is cut before each
   * of {@code cuts} (used to show that cutting changes the total by rounding only).
   */
  public static Assessment assess(Claim claim, RateBook rates, Set<LocalDate> cuts) {
    Jurisdiction j = claim.jurisdiction();
    Money principal = claim.principal();
    if (!principal.currencyCode().equals(j.currency())) {
      throw new IllegalArgumentException(
          j + " rules apply to " + j.currency() + " claims, not " + principal.currencyCode());
    }
    Money zero = Money.zero(principal.currency());
    // payments of the same day are one payment: the result cannot depend on their order
    TreeMap<LocalDate, Money> payments = new TreeMap<>();
    for (Claim.Payment p : claim.payments()) {
      if (!p.paidOn().isAfter(claim.asOf())) {
        payments.merge(p.paidOn(), p.amount(), Money::plus);
      }
    }
    LocalDate firstLate = claim.dueDate().plusDays(1);
    Money base = principal;
    Money toPenalties = zero;
    for (Map.Entry<LocalDate, Money> p : payments.headMap(firstLate).entrySet()) {
      Money toPrincipal = p.getValue().min(base);
      base = base.minus(toPrincipal);
      toPenalties = toPenalties.plus(p.getValue().minus(toPrincipal));
    }
    boolean late = base.isPositive() && claim.asOf().isAfter(claim.dueDate());
    List<Assessment.Period> periods = new ArrayList<>();
    BigDecimal exact = BigDecimal.ZERO;
    Money interestAccrued = zero;
    Money interestPaid = zero;
    if (late) {
      Jurisdiction.AppliedRate fixed =
          j.rateFixedForTheDebt() ? j.rate(firstLate, claim.contractualRatePercent(), rates) : null;
      TreeSet<LocalDate> starts = new TreeSet<>();
      starts.add(firstLate);
      for (LocalDate d = RateSeries.nextHalfYearStart(firstLate);
          !d.isAfter(claim.asOf());
          d = d.plusMonths(6)) {
        if (fixed == null) {
          starts.add(d);
        }
      }
      for (LocalDate paidOn : payments.keySet()) {
        if (!paidOn.isBefore(firstLate)) {
          starts.add(paidOn.plusDays(1));
        }
      }
      for (LocalDate cut : cuts) {
        if (cut.isAfter(firstLate) && !cut.isAfter(claim.asOf())) {
          starts.add(cut);
        }
      }
      List<LocalDate> ordered = new ArrayList<>(starts.headSet(claim.asOf(), true));
      for (int i = 0; i < ordered.size(); i++) {
        LocalDate from = ordered.get(i);
        LocalDate to = i + 1 < ordered.size() ? ordered.get(i + 1).minusDays(1) : claim.asOf();
        if (base.isPositive()) {
          Jurisdiction.AppliedRate rate =
              fixed != null ? fixed : j.rate(from, claim.contractualRatePercent(), rates);
          long days = ChronoUnit.DAYS.between(from, to) + 1;
          BigDecimal raw =
              base.amount()
                  .multiply(rate.percent())
                  .multiply(BigDecimal.valueOf(days))
                  .divide(
                      HUNDRED.multiply(BigDecimal.valueOf(j.dayCountBasis())),
                      MathContext.DECIMAL128);
          exact = exact.add(raw);
          Money interest = new Money(raw.setScale(2, RoundingMode.HALF_UP), base.currency());
          interestAccrued = interestAccrued.plus(interest);
          periods.add(
              new Assessment.Period(
                  from,
                  to,
                  days,
                  base,
                  rate.percent(),
                  interest,
                  rate.rule() + "; simple interest, actual days / " + j.dayCountBasis(),
                  j.reference()));
        }
        Money paid = payments.get(to);
        if (paid != null) {
          Money owedInterest = interestAccrued.minus(interestPaid);
          if (claim.allocation() == Allocation.INTEREST_FIRST) {
            Money toInterest = paid.min(owedInterest);
            interestPaid = interestPaid.plus(toInterest);
            Money rest = paid.minus(toInterest);
            Money toPrincipal = rest.min(base);
            base = base.minus(toPrincipal);
            toPenalties = toPenalties.plus(rest.minus(toPrincipal));
          } else {
            Money toPrincipal = paid.min(base);
            base = base.minus(toPrincipal);
            Money rest = paid.minus(toPrincipal);
            Money toInterest = rest.min(owedInterest);
            interestPaid = interestPaid.plus(toInterest);
            toPenalties = toPenalties.plus(rest.minus(toInterest));
          }
        }
      }
    }
    Money indemnity = late ? j.compensation(principal) : zero;
    Money total = interestAccrued.plus(indemnity);
    Money penaltiesPaid = interestPaid.plus(toPenalties).min(total);
    return new Assessment(
        j,
        claim.asOf(),
        claim.allocation(),
        principal,
        base,
        periods,
        interestAccrued,
        indemnity,
        late ? j.compensationRule(principal) : null,
        total,
        penaltiesPaid,
        total.minus(penaltiesPaid),
        exact);
  }
}
