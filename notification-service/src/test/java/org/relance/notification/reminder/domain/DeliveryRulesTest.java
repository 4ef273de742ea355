package org.relance.notification.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryRulesTest {

  private static final Optional<String> EMAIL = Optional.of("compta@dupont.example");
  private static final Optional<PostalAddress> PARIS =
      Optional.of(
          new PostalAddress("Dupont SARL", List.of("12 rue de la Paix"), "75002", "Paris", "FR"));

  private static Optional<String> refusal(
      String channel, Optional<String> email, Optional<PostalAddress> address, String template) {
    return DeliveryRules.refusal(channel, email, address, template, Optional::empty);
  }

  @Test
  void an_email_goes_to_a_debtor_with_an_email_address_and_a_letter_to_one_with_an_address() {
    assertThat(refusal("EMAIL", EMAIL, Optional.empty(), "friendly-reminder")).isEmpty();
    assertThat(refusal("REGISTERED_LETTER", Optional.empty(), PARIS, "formal-notice")).isEmpty();
  }

  @Test
  void an_email_without_an_address_and_a_letter_without_a_postal_address_cannot_go() {
    assertThat(refusal("EMAIL", Optional.empty(), PARIS, "friendly-reminder"))
        .contains("the debtor has no email address");
    assertThat(refusal("LETTER", EMAIL, Optional.empty(), "second-reminder"))
        .contains("the debtor has no postal address");
  }

  @Test
  void sms_and_phone_tasks_are_not_messages_this_service_sends() {
    assertThat(refusal("SMS", EMAIL, PARIS, "friendly-reminder"))
        .contains("no SMS provider configured");
    assertThat(refusal("PHONE_TASK", EMAIL, PARIS, "friendly-reminder"))
        .contains("PHONE_TASK is not a message: dunning-service opens the call task itself");
  }

  @Test
  void an_unknown_template_or_an_impossible_send_window_cannot_go() {
    assertThat(refusal("EMAIL", EMAIL, PARIS, "poem")).contains("unknown template poem");
    assertThat(
            DeliveryRules.refusal(
                "EMAIL",
                EMAIL,
                PARIS,
                "friendly-reminder",
                () -> Optional.of(SendWindow.of("09:00", "25:00", "Europe/Paris"))))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("invalid send window"));
  }

  @Test
  void only_letters_are_postal() {
    assertThat(DeliveryRules.isPostal("LETTER")).isTrue();
    assertThat(DeliveryRules.isPostal("REGISTERED_LETTER")).isTrue();
    assertThat(DeliveryRules.isPostal("EMAIL")).isFalse();
  }
}
