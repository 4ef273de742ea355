package org.relance.notification.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrenchFormatTest {

  @Test
  void amounts_read_as_in_a_french_letter() {
    assertThat(FrenchFormat.amount("1200.00", "EUR")).isEqualTo("1\u00a0200,00\u00a0€");
  }

  @Test
  void dates_are_written_out_in_french() {
    assertThat(FrenchFormat.date("2026-02-04")).isEqualTo("4 février 2026");
  }
}
