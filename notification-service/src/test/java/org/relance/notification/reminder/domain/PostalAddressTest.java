package org.relance.notification.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostalAddressTest {

  @Test
  void a_french_address_is_written_without_a_country_line() {
    PostalAddress address =
        new PostalAddress(
            "Dupont SARL", List.of("12 rue de la Paix", " Bât. B "), "75002", "Paris", "FR");

    assertThat(address.block())
        .containsExactly("Dupont SARL", "12 rue de la Paix", "Bât. B", "75002 Paris");
    assertThat(address.oneLine()).isEqualTo("Dupont SARL, 12 rue de la Paix, Bât. B, 75002 Paris");
  }

  @Test
  void an_address_abroad_ends_with_its_country() {
    PostalAddress address =
        new PostalAddress("Müller GmbH", List.of("Hauptstraße 5"), "10115", "Berlin", "de");

    assertThat(address.block()).last().isEqualTo("DE");
  }

  @Test
  void an_address_without_street_nor_town_cannot_take_a_letter() {
    assertThat(new PostalAddress("X", List.of(" "), "75002", null, "FR").isDeliverable()).isFalse();
    assertThat(new PostalAddress("X", null, null, "Paris", null).isDeliverable()).isTrue();
  }
}
