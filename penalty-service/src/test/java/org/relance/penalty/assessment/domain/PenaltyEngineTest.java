package org.relance.penalty.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relance.contracts.money.Money;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RateUnknown;

/**
 * Worked examples of the late-payment rules. Rates: the seed of {@link RateBook} (French default
 * rate 2025 H1 = MRO 3.15 % + 10 = 13.15 %, 2025 H2 = 12.15 %, 2024 H1 = 14.50 %; legal rate 2024
 * H1 5.07 %), from the ECB's main refinancing operations rate (ECB Data Portal series
 * FM.B.U2.EUR.4F.KR.MRR_FR.LEV,
 * https://data.ecb.europa.eu/data/datasets/FM/FM.B.U2.EUR.4F.KR.MRR_FR.LEV) and the taux de
 * l'intérêt légal (Code monétaire et financier L313-2, published by the Banque de France,
 * https://www.banque-france.fr/fr/statistiques/themes-statistiques-et-series-webstat-associees/taux-et-cours).
 * Formula (Code de commerce L441-10 II; the same simple-interest computation as the examples of the
 * French administration's late-payment guides): base x rate x days / 365, days = payment date - due
 * date, each period rounded to the cent.
 */
class PenaltyEngineTest {

  private static final RateBook RATES = RateBook.seed();

  private static Claim claim(
      Jurisdiction j,
      String amount,
      String due,
      String contract,
      String asOf,
      Allocation allocation,
      Claim.Payment... payments) {
    return new Claim(
        j,
        Money.of(amount, j.currency()),
        LocalDate.parse(due),
        contract == null ? null : new BigDecimal(contract),
        List.of(payments),
        LocalDate.parse(asOf),
        allocation);
  }

  private static Claim.Payment paid(String on, String amount, String currency) {
    return new Claim.Payment(LocalDate.parse(on), Money.of(amount, currency));
  }

  private static Claim.Payment eur(String on, String amount) {
    return paid(on, amount, "EUR");
  }

  private static Assessment fr(
      String amount, String due, String contract, String asOf, Claim.Payment... payments) {
    return PenaltyEngine.assess(
        claim(Jurisdiction.FR, amount, due, contract, asOf, null, payments), RATES);
  }

  @Test
  void a_span_inside_one_half_year_is_one_period_at_that_half_years_rate() {
    // 10,000 EUR due 2025-03-31, paid 2025-05-15: 45 days x 13.15 % / 365 = 162.1233 -> 162.12, +
    // 40 EUR
    Assessment a = fr("10000.00", "2025-03-31", null, "2025-05-15", eur("2025-05-15", "10000.00"));

    assertThat(a.periods())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.from()).isEqualTo("2025-04-01");
              assertThat(p.to()).isEqualTo("2025-05-15");
              assertThat(p.days()).isEqualTo(45);
              assertThat(p.ratePercent()).isEqualByComparingTo("13.15");
              assertThat(p.reference()).isEqualTo("Code de commerce L441-10 II");
            });
    assertThat(a.interest()).isEqualTo(Money.of("162.12", "EUR"));
    assertThat(a.indemnity()).isEqualTo(Money.of("40.00", "EUR"));
    assertThat(a.total()).isEqualTo(Money.of("202.12", "EUR"));
    assertThat(a.principalOutstanding()).isEqualTo(Money.of("0.00", "EUR"));
    assertThat(a.penaltiesOutstanding()).isEqualTo(Money.of("202.12", "EUR"));
  }

  @Test
  void a_span_across_30_june_is_split_and_each_day_takes_its_own_half_years_rate() {
    // 2025-06-16..06-30: 15 d x 13.15 % = 54.0411 -> 54.04 ; 2025-07-01..07-15: 15 d x 12.15 % =
    // 49.9315 -> 49.93
    Assessment a = fr("10000.00", "2025-06-15", null, "2025-07-15", eur("2025-07-15", "10000.00"));

    assertThat(a.periods()).extracting(Assessment.Period::days).containsExactly(15L, 15L);
    assertThat(a.periods())
        .extracting(p -> p.ratePercent().toPlainString())
        .containsExactly("13.15", "12.15");
    assertThat(a.periods())
        .extracting(p -> p.interest().toPlainString())
        .containsExactly("54.04", "49.93");
    assertThat(a.interest()).isEqualTo(Money.of("103.97", "EUR"));
  }

  @Test
  void
      a_contractual_rate_below_three_times_the_legal_rate_is_raised_to_the_floor_and_one_above_it_applies() {
    Assessment low = fr("10000.00", "2025-03-31", "5", "2025-05-15", eur("2025-05-15", "10000.00"));
    Assessment high =
        fr("10000.00", "2025-03-31", "20", "2025-05-15", eur("2025-05-15", "10000.00"));

    // 2025 H1 legal rate 3.71 % -> floor 11.13 %
    assertThat(low.periods().get(0).ratePercent()).isEqualByComparingTo("11.13");
    assertThat(low.periods().get(0).rule()).contains("raised to its floor");
    assertThat(high.periods().get(0).ratePercent()).isEqualByComparingTo("20");
  }

  @Test
  void
      in_2024_a_five_percent_clause_yields_15_21_percent_more_than_the_14_50_percent_without_a_clause() {
    Assessment clause =
        fr("10000.00", "2024-01-31", "5", "2024-03-01", eur("2024-03-01", "10000.00"));
    Assessment none =
        fr("10000.00", "2024-01-31", null, "2024-03-01", eur("2024-03-01", "10000.00"));

    assertThat(clause.periods().get(0).ratePercent()).isEqualByComparingTo("15.21");
    assertThat(none.periods().get(0).ratePercent()).isEqualByComparingTo("14.50");
    assertThat(clause.interest().compareTo(none.interest())).isPositive();
  }

  @Test
  void partial_payments_go_to_the_principal_first_by_default() {
    // 1000 x 12.15 % x 10 / 365 = 3.3288 -> 3.33 ; then 400 x 12.15 % x 10 / 365 = 1.3315 -> 1.33
    Assessment a = fr("1000.00", "2026-01-31", null, "2026-02-20", eur("2026-02-10", "600.00"));

    assertThat(a.periods())
        .extracting(p -> p.base().toPlainString())
        .containsExactly("1000.00", "400.00");
    assertThat(a.interest()).isEqualTo(Money.of("4.66", "EUR"));
    assertThat(a.principalOutstanding()).isEqualTo(Money.of("400.00", "EUR"));
    assertThat(a.penaltiesPaid()).isEqualTo(Money.of("0.00", "EUR"));
  }

  @Test
  void partial_payments_go_to_accrued_interest_first_as_code_civil_1343_1_provides_when_so_set() {
    // at 2026-02-10, 3.33 of interest is due: 600 pays it, 596.67 goes to the principal (403.33
    // left)
    // then 403.33 x 12.15 % x 10 / 365 = 1.3426 -> 1.34
    Assessment a =
        PenaltyEngine.assess(
            claim(
                Jurisdiction.FR,
                "1000.00",
                "2026-01-31",
                null,
                "2026-02-20",
                Allocation.INTEREST_FIRST,
                eur("2026-02-10", "600.00")),
            RATES);

    assertThat(a.periods())
        .extracting(p -> p.base().toPlainString())
        .containsExactly("1000.00", "403.33");
    assertThat(a.interest()).isEqualTo(Money.of("4.67", "EUR"));
    assertThat(a.penaltiesPaid()).isEqualTo(Money.of("3.33", "EUR"));
    assertThat(a.penaltiesOutstanding()).isEqualTo(Money.of("41.34", "EUR"));
    assertThat(a.principalOutstanding()).isEqualTo(Money.of("403.33", "EUR"));
  }

  @Test
  void payment_on_the_due_date_costs_nothing() {
    Assessment a = fr("1200.00", "2026-02-04", null, "2026-03-01", eur("2026-02-04", "1200.00"));

    assertThat(a.periods()).isEmpty();
    assertThat(a.total()).isEqualTo(Money.of("0.00", "EUR"));
    assertThat(a.indemnityRule()).isNull();
  }

  @Test
  void a_leap_year_span_counts_29_february_and_still_divides_by_365() {
    // 2024-02-28, 02-29, 03-01: 3 days x 14.50 % / 365 x 10,000 = 11.9178 -> 11.92
    Assessment a = fr("10000.00", "2024-02-27", null, "2024-03-01", eur("2024-03-01", "10000.00"));

    assertThat(a.periods().get(0).days()).isEqualTo(3);
    assertThat(a.interest()).isEqualTo(Money.of("11.92", "EUR"));
  }

  @Test
  void each_late_invoice_of_a_debtor_carries_its_own_40_euro_indemnity() {
    Assessment first = fr("500.00", "2026-01-31", null, "2026-02-15");
    Assessment second = fr("700.00", "2026-02-05", null, "2026-02-15");

    assertThat(first.indemnity().plus(second.indemnity())).isEqualTo(Money.of("80.00", "EUR"));
  }

  @Test
  void accrued_penalties_stay_due_after_the_principal_is_paid() {
    Assessment a = fr("10000.00", "2025-03-31", null, "2025-06-01", eur("2025-05-15", "10000.00"));

    assertThat(a.principalOutstanding().isZero()).isTrue();
    assertThat(a.penaltiesOutstanding()).isEqualTo(Money.of("202.12", "EUR"));
  }

  @Test
  void the_eu_directive_default_is_the_reference_rate_plus_8_points_and_40_euros() {
    // 3.15 + 8 = 11.15 % ; 10,000 x 11.15 % x 45 / 365 = 137.4658 -> 137.47
    Assessment a =
        PenaltyEngine.assess(
            claim(
                Jurisdiction.EU,
                "10000.00",
                "2025-03-31",
                null,
                "2025-05-15",
                null,
                eur("2025-05-15", "10000.00")),
            RATES);

    assertThat(a.periods().get(0).ratePercent()).isEqualByComparingTo("11.15");
    assertThat(a.interest()).isEqualTo(Money.of("137.47", "EUR"));
    assertThat(a.indemnity()).isEqualTo(Money.of("40.00", "EUR"));
  }

  @Test
  void germany_applies_the_base_rate_plus_9_points_and_40_euros_per_claim() {
    // base rate 2025 H1 2.27 % + 9 = 11.27 % ; 10,000 x 11.27 % x 45 / 365 = 138.9452 -> 138.95
    Assessment a =
        PenaltyEngine.assess(
            claim(
                Jurisdiction.DE,
                "10000.00",
                "2025-03-31",
                null,
                "2025-05-15",
                null,
                eur("2025-05-15", "10000.00")),
            RATES);

    assertThat(a.periods().get(0).ratePercent()).isEqualByComparingTo("11.27");
    assertThat(a.interest()).isEqualTo(Money.of("138.95", "EUR"));
    assertThat(a.indemnityRule().reference()).contains("288");
  }

  @Test
  void
      the_uk_fixes_the_rate_of_the_half_year_the_debt_became_late_and_scales_the_fixed_sum_with_the_debt() {
    // reference 2025 H1 4.75 % + 8 = 12.75 %, kept after 1 July: 5,000 x 12.75 % x 30 / 365 =
    // 52.3973 -> 52.40
    Assessment a =
        PenaltyEngine.assess(
            claim(
                Jurisdiction.GB,
                "5000.00",
                "2025-06-15",
                null,
                "2025-07-15",
                null,
                paid("2025-07-15", "5000.00", "GBP")),
            RATES);

    assertThat(a.periods())
        .singleElement()
        .satisfies(p -> assertThat(p.ratePercent()).isEqualByComparingTo("12.75"));
    assertThat(a.interest()).isEqualTo(Money.of("52.40", "GBP"));
    assertThat(a.indemnity()).isEqualTo(Money.of("70.00", "GBP"));
    assertThat(Jurisdiction.GB.compensation(Money.of("999.99", "GBP")))
        .isEqualTo(Money.of("40.00", "GBP"));
    assertThat(Jurisdiction.GB.compensation(Money.of("10000.00", "GBP")))
        .isEqualTo(Money.of("100.00", "GBP"));
  }

  @Test
  void a_day_past_a_series_verified_date_is_refused_with_the_missing_rate_named() {
    assertThatThrownBy(() -> fr("100.00", "2026-06-20", null, "2026-07-10"))
        .isInstanceOfSatisfying(
            RateUnknown.class,
            e -> {
              assertThat(e.series()).isEqualTo(RateBook.ECB_MRO);
              assertThat(e.day()).isEqualTo("2026-07-01");
            });
  }
}
