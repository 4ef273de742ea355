package org.relance.dunning.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebtorExposureTest {

  @Test
  void the_overdue_amounts_are_listed_by_currency_whatever_order_they_came_in() {
    Map<String, BigDecimal> given = new HashMap<>();
    for (String currency : new String[] {"USD", "CHF", "GBP", "EUR", "SEK", "DKK"}) {
      given.put(currency, BigDecimal.ONE);
    }

    DebtorExposure exposure = new DebtorExposure("C-1", "Dupont", given, 40, 0);

    assertThat(exposure.overdue().keySet())
        .containsExactly("CHF", "DKK", "EUR", "GBP", "SEK", "USD");
    assertThatThrownBy(() -> exposure.overdue().put("NOK", BigDecimal.TEN))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
