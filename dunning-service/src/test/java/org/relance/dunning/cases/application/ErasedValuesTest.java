package org.relance.dunning.cases.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.contracts.Json;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.persistence.DunningCodec;

/**
 * An erased debtor's events read back (sealed, then their key gone) with nothing personal left: the
 * case folds them without a fault, its notes and reasons read "erased", and the views fill "erased"
 * where each value was.
 */
class ErasedValuesTest {

  private static Aead aead;

  @BeforeAll
  static void key() throws GeneralSecurityException {
    AeadConfig.register();
    aead =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** The golden event of the type, sealed as the event store seals it, then read once erased. */
  private static CloudEvent erased(EventType type) {
    CloudEvent clear = Golden.event(type);
    ObjectNode sealed =
        PersonalDataSeal.seal(
            type, (ObjectNode) clear.data(), clear.tenant(), clear.id(), "C-1", 1, aead);
    CloudEvent stored = clear.withData(sealed);
    assertThat(PersonalDataSeal.disclosure(stored)).isEqualTo(PersonalDataSeal.Disclosure.SEALED);
    return PersonalDataSeal.erased(stored);
  }

  @Test
  void a_reminder_request_of_an_erased_debtor_folds_without_its_recipient_and_shows_erased() {
    CloudEvent clear = Golden.event(EventType.REMINDER_REQUESTED);
    String email = clear.data().at("/debtor/email").asText();
    CloudEvent event = erased(EventType.REMINDER_REQUESTED);

    var read = (DunningEvent.ReminderRequested) DunningCodec.fromCloudEvent(event);
    assertThat(read.recipient()).isNull();
    assertThat(read.requestId()).isEqualTo(UUID.fromString(clear.data().get("requestId").asText()));

    JsonNode shown = ErasedValues.data(event);
    assertThat(shown.at("/recipient").asText()).isEqualTo("erased");
    assertThat(shown.at("/debtor/email").asText()).isEqualTo("erased");
    assertThat(shown.at("/debtor/id").asText()).isEqualTo(clear.data().at("/debtor/id").asText());
    assertThat(Json.write(shown)).doesNotContain(email);
  }

  @Test
  void a_pause_reason_and_a_call_note_of_an_erased_debtor_read_erased() {
    var paused =
        (DunningEvent.Paused) DunningCodec.fromCloudEvent(erased(EventType.DUNNING_PAUSED));
    assertThat(paused.reason()).isEqualTo("erased");
    CloudEvent call = erased(EventType.CALL_OUTCOME_RECORDED);
    var outcome = (DunningEvent.CallOutcomeRecorded) DunningCodec.fromCloudEvent(call);
    assertThat(outcome.note()).isEqualTo("erased");
    assertThat(ErasedValues.data(call).get("note").asText()).isEqualTo("erased");
  }

  @Test
  void a_clear_event_is_shown_as_it_is() {
    CloudEvent clear = Golden.event(EventType.DUNNING_PAUSED);
    assertThat(ErasedValues.data(clear)).isEqualTo(clear.data());
    assertThat(((DunningEvent.Paused) DunningCodec.fromCloudEvent(clear)).reason())
        .isEqualTo(clear.data().get("reason").asText());
  }

  @Test
  void an_erased_contact_card_shows_erased_and_keeps_the_company() {
    // as the purge leaves it: the values removed, the card marked
    ObjectNode card = Json.object().put("id", "C-1").put("name", "Dupont SA");
    card.putObject("personal").put("disclosure", "erased");
    JsonNode shown = ErasedValues.contact(card);
    assertThat(shown.get("phone").asText()).isEqualTo("erased");
    assertThat(shown.get("email").asText()).isEqualTo("erased");
    assertThat(shown.get("contacts").asText()).isEqualTo("erased");
    assertThat(shown.get("name").asText()).isEqualTo("Dupont SA");
    assertThat(shown.has("personal")).isFalse();

    ObjectNode clear = Json.object().put("id", "C-1").put("phone", "+33 1 00 00 00 00");
    assertThat(ErasedValues.contact(clear)).isEqualTo(clear);
  }
}
