package org.relance.penalty.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.money.Money;

/**
 * Worked examples of the foundation's French rule (rates from shared/legal-reference.md).
 * interest = base x rate x days / 365, days = payment date - due date.
 */
class PenaltyEngineTest {

  private static LateInvoice invoice(String amount, String due, String contractRate, LateInvoice.Payment... payments) {
    return new LateInvoice(UUID.randomUUID(), "F-1", "FR", Money.of(amount, "EUR"), LocalDate.parse(due),
        contractRate == null ? null : new BigDecimal(contractRate), List.of(payments));
  }

  private static LateInvoice.Payment paid(String on, String amount) {
    return new LateInvoice.Payment(LocalDate.parse(on), Money.of(amount, "EUR"));
  }

  @Test
  void ten_thousand_euros_paid_45_days_late_in_2025_h1_cost_162_12_of_interest_plus_the_40_euro_indemnity() {
    // 10000 x 13.15 % x 45 / 365 = 162.1233 -> 162.12 (2025 H1 default rate: MRO 3.15 % + 10)
    Assessment a = PenaltyEngine.assess(invoice("10000.00", "2025-03-31", null, paid("2025-05-15", "10000.00")),
        LocalDate.parse("2025-05-15"), Trigger.PAYMENT);

    assertThat(a.periods()).hasSize(1);
    assertThat(a.periods().get(0).days()).isEqualTo(45);
    assertThat(a.periods().get(0).ratePercent()).isEqualByComparingTo("13.15");
    assertThat(a.interest()).isEqualTo(Money.of("162.12", "EUR"));
    assertThat(a.indemnity()).isEqualTo(Money.of("40.00", "EUR"));
    assertThat(a.total()).isEqualTo(Money.of("202.12", "EUR"));
    assertThat(a.principalOutstanding()).isEqualTo(Money.of("0.00", "EUR"));
  }

  @Test
  void payment_on_the_due_date_costs_nothing() {
    Assessment a = PenaltyEngine.assess(invoice("1200.00", "2026-02-04", null, paid("2026-02-04", "1200.00")),
        LocalDate.parse("2026-03-01"), Trigger.PAYMENT);

    assertThat(a.periods()).isEmpty();
    assertThat(a.total()).isEqualTo(Money.of("0.00", "EUR"));
  }

  @Test
  void the_first_late_day_already_accrues_one_day_of_interest() {
    // 1200 x 12.15 % x 1 / 365 = 0.3995 -> 0.40 (2026 H1: MRO 2.15 % + 10)
    Assessment a = PenaltyEngine.assess(invoice("1200.00", "2026-02-04", null), LocalDate.parse("2026-02-05"),
        Trigger.DUE_DATE_PASSED);

    assertThat(a.interest()).isEqualTo(Money.of("0.40", "EUR"));
    assertThat(a.total()).isEqualTo(Money.of("40.40", "EUR"));
  }

  @Test
  void a_partial_payment_splits_the_interest_into_periods_on_the_outstanding_principal() {
    // 1000 x 12.15 % x 10 / 365 = 3.3288 -> 3.33 ; then 400 x 12.15 % x 10 / 365 = 1.3315 -> 1.33
    Assessment a = PenaltyEngine.assess(invoice("1000.00", "2026-01-31", null, paid("2026-02-10", "600.00")),
        LocalDate.parse("2026-02-20"), Trigger.DUE_DATE_PASSED);

    assertThat(a.periods()).extracting(Assessment.Period::days).containsExactly(10L, 10L);
    assertThat(a.periods()).extracting(p -> p.base().toPlainString()).containsExactly("1000.00", "400.00");
    assertThat(a.interest()).isEqualTo(Money.of("4.66", "EUR"));
    assertThat(a.principalOutstanding()).isEqualTo(Money.of("400.00", "EUR"));
  }

  @Test
  void a_contractual_rate_below_three_times_the_legal_rate_is_raised_to_that_floor() {
    // 2024 H1: legal rate 5.07 %, floor 15.21 %, above the 14.50 % default: a 5 % clause yields 15.21 %
    Assessment a = PenaltyEngine.assess(invoice("10000.00", "2024-01-31", "5", paid("2024-03-01", "10000.00")),
        LocalDate.parse("2024-03-01"), Trigger.PAYMENT);

    assertThat(a.periods().get(0).ratePercent()).isEqualByComparingTo("15.21");
    assertThat(a.periods().get(0).rule()).contains("floor");
  }

  @Test
  void a_date_past_the_verified_rates_is_refused_rather_than_guessed() {
    assertThatThrownBy(() -> PenaltyEngine.assess(invoice("100.00", "2026-07-31", null), LocalDate.parse("2026-08-15"),
        Trigger.DUE_DATE_PASSED))
        .isInstanceOf(PenaltyEngine.RateUnknown.class)
        .hasMessageContaining("2026-08-01");
  }
}
