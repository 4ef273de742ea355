package org.relance.dunning.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreditHoldPolicyTest {

  private final CreditHoldPolicy policy = new CreditHoldPolicy(new BigDecimal("10000"), 60, true);

  private static DebtorExposure exposure(String eur, int daysLate, int escalated) {
    return new DebtorExposure(
        "C-1", "Dupont", Map.of("EUR", new BigDecimal(eur)), daysLate, escalated);
  }

  @Test
  void a_debtor_over_the_overdue_amount_is_put_on_hold_with_the_reason() {
    var e = exposure("12400.00", 20, 0);

    assertThat(policy.change(e, false)).contains(true);
    assertThat(policy.reasons(e)).containsExactly("overdue 12400.00 EUR is above 10000 EUR");
  }

  @Test
  void an_invoice_too_late_or_escalated_is_a_reason_too() {
    assertThat(policy.reasons(exposure("500.00", 61, 0))).hasSize(1);
    assertThat(policy.reasons(exposure("500.00", 10, 1))).hasSize(1);
    assertThat(policy.reasons(exposure("500.00", 60, 0))).isEmpty();
  }

  @Test
  void the_hold_is_lifted_once_no_reason_is_left_and_nothing_changes_otherwise() {
    assertThat(policy.change(exposure("0.00", 0, 0), true)).contains(false);
    assertThat(policy.change(exposure("0.00", 0, 0), false)).isEqualTo(Optional.empty());
    assertThat(policy.change(exposure("20000.00", 0, 0), true)).isEqualTo(Optional.empty());
  }
}
