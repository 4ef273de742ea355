package org.relance.notification.reminder.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

class MailHeadersTest {

  @Test
  void a_plain_ascii_value_is_left_as_it_is() {
    assertThat(MailHeaders.encode("Dupont SARL, 12 rue de la Paix, 75002 Paris"))
        .isEqualTo("Dupont SARL, 12 rue de la Paix, 75002 Paris");
  }

  @Test
  void accents_are_encoded_and_read_back_by_a_mail_reader() throws Exception {
    String address =
        "Société Générale des Eaux de l'Île-de-France, Bâtiment Hélène Boucher, 12 allée"
            + " des Peupliers, 92130 Issy-les-Moulineaux";

    String encoded = MailHeaders.encode(address);

    assertThat(encoded).matches("\\p{ASCII}+").doesNotContain("\r").doesNotContain("\n");
    assertThat(encoded.split(" ")).allSatisfy(word -> assertThat(word.length()).isLessThan(76));
    assertThat(MimeUtility.decodeText(encoded)).isEqualTo(address);
  }

  @Test
  void a_line_break_in_an_erp_address_cannot_start_a_new_header() throws Exception {
    String encoded = MailHeaders.encode("12 rue X\r\nBcc: someone@example.com");

    assertThat(encoded).doesNotContain("\r").doesNotContain("\n");
    assertThat(MimeUtility.decodeText(encoded)).isEqualTo("12 rue X\r\nBcc: someone@example.com");
  }
}
