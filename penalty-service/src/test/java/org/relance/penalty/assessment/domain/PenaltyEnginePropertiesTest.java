package org.relance.penalty.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.relance.contracts.money.Money;
import org.relance.penalty.rates.domain.RateBook;

/** Properties of the engine over random French claims between 2023 and mid-2026. */
class PenaltyEnginePropertiesTest {

  private static final RateBook RATES = RateBook.seed();
  private static final LocalDate FIRST = LocalDate.parse("2023-01-01");

  @Provide
  Arbitrary<Claim> claims() {
    Arbitrary<Long> cents = Arbitraries.longs().between(1, 100_000_000L);
    Arbitrary<Integer> dueOffset = Arbitraries.integers().between(0, 1000);
    Arbitrary<Integer> span = Arbitraries.integers().between(0, 400);
    Arbitrary<String> contract = Arbitraries.of("", "5", "12", "20.5");
    Arbitrary<Allocation> allocation = Arbitraries.of(Allocation.class);
    Arbitrary<List<int[]>> payments =
        Arbitraries.integers()
            .between(-20, 420)
            .list()
            .ofMaxSize(4)
            .flatMap(
                days ->
                    Arbitraries.integers()
                        .between(1, 100)
                        .list()
                        .ofSize(days.size())
                        .map(
                            shares -> {
                              List<int[]> list = new ArrayList<>();
                              for (int i = 0; i < days.size(); i++) {
                                list.add(new int[] {days.get(i), shares.get(i)});
                              }
                              return list;
                            }));
    return Combinators.combine(cents, dueOffset, span, contract, allocation, payments)
        .as(
            (c, due, s, rate, alloc, pays) -> {
              Money principal =
                  new Money(BigDecimal.valueOf(c, 2), java.util.Currency.getInstance("EUR"));
              LocalDate dueDate = FIRST.plusDays(due);
              LocalDate asOf = min(dueDate.plusDays(s), LocalDate.parse("2026-06-30"));
              List<Claim.Payment> list = new ArrayList<>();
              for (int[] p : pays) {
                BigDecimal share =
                    principal
                        .amount()
                        .multiply(BigDecimal.valueOf(p[1]))
                        .divide(BigDecimal.valueOf(200));
                list.add(
                    new Claim.Payment(
                        dueDate.plusDays(p[0]),
                        new Money(share.max(new BigDecimal("0.01")), principal.currency())));
              }
              return new Claim(
                  Jurisdiction.FR,
                  principal,
                  dueDate,
                  rate.isEmpty() ? null : new BigDecimal(rate),
                  list,
                  asOf.isBefore(dueDate) ? dueDate : asOf,
                  alloc);
            });
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  @Property(tries = 300)
  void interest_and_every_amount_owed_are_never_negative(@ForAll("claims") Claim claim) {
    Assessment a = PenaltyEngine.assess(claim, RATES);

    assertThat(a.interest().isNegative()).isFalse();
    assertThat(a.periods()).allSatisfy(p -> assertThat(p.interest().isNegative()).isFalse());
    assertThat(a.principalOutstanding().isNegative()).isFalse();
    assertThat(a.penaltiesOutstanding().isNegative()).isFalse();
  }

  /**
   * Adding a payment never raises the interest owed. The exact figure never rises; the rounded one
   * may gain a cent at most, because the payment opens a new period and each period is rounded on
   * its own (the rule that makes the statement add up).
   */
  @Property(tries = 300)
  void adding_a_payment_never_raises_the_interest(
      @ForAll("claims") Claim claim,
      @ForAll("extraDays") int day,
      @ForAll("extraShares") int share) {
    Assessment before = PenaltyEngine.assess(claim, RATES);
    List<Claim.Payment> more = new ArrayList<>(claim.payments());
    BigDecimal amount =
        claim
            .principal()
            .amount()
            .multiply(BigDecimal.valueOf(share))
            .divide(BigDecimal.valueOf(100));
    more.add(
        new Claim.Payment(
            claim.dueDate().plusDays(day),
            new Money(amount.max(new BigDecimal("0.01")), claim.principal().currency())));
    Assessment after =
        PenaltyEngine.assess(
            new Claim(
                claim.jurisdiction(),
                claim.principal(),
                claim.dueDate(),
                claim.contractualRatePercent(),
                more,
                claim.asOf(),
                claim.allocation()),
            RATES);

    // exact up to the 34 significant digits of each period's division
    assertThat(after.exactInterest().subtract(before.exactInterest()))
        .isLessThan(new BigDecimal("1e-20"));
    assertThat(after.interest().amount())
        .isLessThanOrEqualTo(before.interest().amount().add(new BigDecimal("0.01")));
  }

  @Provide
  Arbitrary<Integer> extraDays() {
    return Arbitraries.integers().between(-5, 400);
  }

  @Provide
  Arbitrary<Integer> extraShares() {
    return Arbitraries.integers().between(1, 100);
  }

  /**
   * Cutting a period in two changes the total by one cent at most (two roundings instead of one).
   * With interest first, the cent can also move the part of a later payment that goes to interest,
   * and so the base after it: one more cent per payment after the cut, at most.
   */
  @Property(tries = 300)
  void cutting_a_period_at_any_date_changes_the_total_by_rounding_only(
      @ForAll("claims") Claim claim, @ForAll("extraDays") int cutDay) {
    LocalDate cutOn = claim.dueDate().plusDays(cutDay);
    Assessment whole = PenaltyEngine.assess(claim, RATES);
    Assessment cut = PenaltyEngine.assess(claim, RATES, Set.of(cutOn));

    long paymentsAfter =
        claim.allocation() == Allocation.PRINCIPAL_FIRST
            ? 0
            : claim.payments().stream().filter(p -> !p.paidOn().isBefore(cutOn)).count();
    BigDecimal bound = new BigDecimal("0.01").multiply(BigDecimal.valueOf(1 + paymentsAfter));
    assertThat(cut.interest().minus(whole.interest()).amount().abs()).isLessThanOrEqualTo(bound);
  }

  @Property(tries = 200)
  void the_result_does_not_depend_on_the_order_payments_are_given_in(
      @ForAll("claims") Claim claim, @ForAll long seed) {
    List<Claim.Payment> shuffled = new ArrayList<>(claim.payments());
    Collections.shuffle(shuffled, new Random(seed));

    Assessment a = PenaltyEngine.assess(claim, RATES);
    Assessment b =
        PenaltyEngine.assess(
            new Claim(
                claim.jurisdiction(),
                claim.principal(),
                claim.dueDate(),
                claim.contractualRatePercent(),
                shuffled,
                claim.asOf(),
                claim.allocation()),
            RATES);

    assertThat(b).isEqualTo(a);
  }
}
