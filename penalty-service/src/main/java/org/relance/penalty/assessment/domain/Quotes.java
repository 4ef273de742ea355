package org.relance.penalty.assessment.domain;

import java.util.List;
import org.relance.contracts.Refusal;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RateUnknown;

/**
 * Quotes the penalties of any claim. A day past a series' verified date is refused, naming the rate
 * that is missing: a quote is never a guess. (An invoice's assessment waits for the rate instead,
 * see {@link PenaltyCase#assess}.)
 */
public final class Quotes {

  private Quotes() {}

  public static Statement quote(Claim claim, RateBook rates) {
    try {
      return Statement.of(claim, PenaltyEngine.assess(claim, rates));
    } catch (RateUnknown e) {
      throw Refusal.invalid(
          "rate-unknown",
          "Rate unknown",
          e.getMessage(),
          List.of(new Refusal.Violation("asOf", "needs " + e.series() + " for " + e.day())));
    }
  }
}
