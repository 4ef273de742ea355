package org.relance.notification.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

  @Test
  void an_address_keeps_its_first_letter_and_its_domain() {
    assertThat(Mask.email("compta@dupont.example")).isEqualTo("c***@dupont.example");
    assertThat(Mask.email(" a.b+c@mail.dupont.fr ")).isEqualTo("a***@mail.dupont.fr");
  }

  @Test
  void what_is_not_an_address_is_not_shown_at_all() {
    assertThat(Mask.email("Dupont SARL, 12 rue de la Paix")).isEqualTo("<address>");
    assertThat(Mask.email(null)).isNull();
  }

  @Test
  void every_address_an_smtp_reply_quotes_is_masked() {
    assertThat(
            Mask.emails(
                "550 5.1.1 <compta@dupont.example>: Recipient address rejected; cc"
                    + " jean.dupont@dupont.example"))
        .isEqualTo(
            "550 5.1.1 <c***@dupont.example>: Recipient address rejected; cc"
                + " j***@dupont.example")
        .doesNotContain("compta@")
        .doesNotContain("jean.dupont");
    assertThat(Mask.emails("connection refused")).isEqualTo("connection refused");
    assertThat(Mask.emails(null)).isNull();
  }
}
