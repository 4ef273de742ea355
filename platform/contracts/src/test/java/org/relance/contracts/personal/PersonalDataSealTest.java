package org.relance.contracts.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.contracts.HashChain;
import org.relance.contracts.personal.PersonalDataSeal.Disclosure;

/**
 * Sealing and opening the golden event of every personal type with a key made for the test: the
 * sealed data is valid against version 2 and holds no clear personal value; opened, it is the
 * original data again, so the contract record reads the same; a ciphertext is bound to its event;
 * the erased view keeps nothing; and the hash chain, computed over the sealed data, verifies
 * whether the key still exists or not.
 */
class PersonalDataSealTest {

  private static Aead aead;

  @BeforeAll
  static void key() throws GeneralSecurityException {
    aead = PersonalFixtures.newAead();
  }

  static Stream<EventType> personalTypes() {
    return PersonalFixtures.personalTypes();
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void the_sealed_data_is_valid_against_v2_and_holds_no_clear_personal_value(EventType type) {
    CloudEvent golden = Golden.event(type);
    List<String> personal = PersonalFixtures.strings(PersonalDataSeal.values(type, golden.data()));

    CloudEvent sealed = PersonalFixtures.seal(golden, aead);

    assertThat(personal).as("the golden event has personal values to seal").isNotEmpty();
    assertThat(sealed.dataschema()).isEqualTo(type.dataschema(2));
    assertThat(EventSchemas.faults(type, 2, sealed.data())).isEmpty();
    EventSchemas.check(sealed);
    String wire = sealed.toJsonString();
    for (String value : personal) {
      assertThat(wire).as("the wire form of " + type.typeName()).doesNotContain(value);
    }
    assertThat(PersonalDataSeal.values(type, sealed.data())).isEmpty();
    PersonalDataSeal.Block block = PersonalDataSeal.block(sealed.data()).orElseThrow();
    assertThat(block.subject()).isEqualTo("C-1");
    assertThat(block.generation()).isEqualTo(1);
    assertThat(PersonalDataSeal.disclosure(sealed)).isEqualTo(Disclosure.SEALED);
    assertThat(PersonalDataSeal.disclosure(golden)).isEqualTo(Disclosure.NONE);
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void opened_it_is_the_original_data_and_reads_as_the_same_record(EventType type)
      throws GeneralSecurityException {
    CloudEvent golden = Golden.event(type);
    CloudEvent sealed = PersonalFixtures.seal(golden, aead);

    CloudEvent opened = PersonalDataSeal.open(sealed, aead);

    assertThat(opened.data())
        .isEqualTo(PersonalFixtures.expectedOpened(golden.data(), sealed.data()));
    assertThat(opened.data().get(PersonalFields.BLOCK).get("disclosure").asText())
        .isEqualTo("clear");
    assertThat(PersonalDataSeal.disclosure(opened)).isEqualTo(Disclosure.CLEAR);
    assertThat(EventCodec.read(opened)).isEqualTo(EventCodec.read(golden));
    assertThat(opened.id()).isEqualTo(sealed.id());
    assertThat(opened.hash()).isEqualTo(sealed.hash());
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void a_ciphertext_moved_into_another_event_does_not_open(EventType type) {
    CloudEvent sealed = PersonalFixtures.seal(Golden.event(type), aead);
    CloudEvent moved = PersonalFixtures.with(sealed, "id", "7d0f3c0e-ffff-4000-8000-00000000ffff");
    CloudEvent otherTenant = PersonalFixtures.with(sealed, "tenant", "other-tenant");

    assertThatThrownBy(() -> PersonalDataSeal.open(moved, aead))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> PersonalDataSeal.open(otherTenant, aead))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void another_key_does_not_open_it() throws GeneralSecurityException {
    CloudEvent sealed = PersonalFixtures.seal(Golden.event(EventType.INVOICE_ISSUED), aead);
    Aead other = PersonalFixtures.newAead();

    assertThatThrownBy(() -> PersonalDataSeal.open(sealed, other))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void the_erased_view_has_no_personal_value_and_no_ciphertext(EventType type) {
    CloudEvent golden = Golden.event(type);
    CloudEvent sealed = PersonalFixtures.seal(golden, aead);

    CloudEvent erased = PersonalDataSeal.erased(sealed);

    assertThat(PersonalDataSeal.disclosure(erased)).isEqualTo(Disclosure.ERASED);
    JsonNode block = erased.data().get(PersonalFields.BLOCK);
    assertThat(block.has("ciphertext")).isFalse();
    assertThat(block.get("subject").asText()).isEqualTo("C-1");
    assertThat(PersonalDataSeal.values(type, erased.data())).isEmpty();
    String view = erased.toJsonString();
    for (String value : PersonalFixtures.strings(PersonalDataSeal.values(type, golden.data()))) {
      assertThat(view).doesNotContain(value);
    }
    assertThat(PersonalDataSeal.block(sealed.data()).orElseThrow().ciphertext())
        .as("the sealed event itself is untouched")
        .isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void a_view_shows_erased_at_each_personal_field_and_keeps_a_null_a_null(EventType type) {
    CloudEvent golden = Golden.event(type);
    CloudEvent erased = PersonalDataSeal.erased(PersonalFixtures.seal(golden, aead));

    JsonNode shown = PersonalDataSeal.asShown(erased);

    for (String pointer : PersonalFields.of(type)) {
      JsonNode before = golden.data().at(pointer);
      if (golden.data().at(pointer.substring(0, pointer.lastIndexOf('/'))).isMissingNode()) {
        assertThat(shown.at(pointer).isMissingNode()).as(pointer).isTrue();
      } else if (before.isNull()) {
        assertThat(shown.at(pointer).isNull()).as(pointer).isTrue();
      } else {
        assertThat(shown.at(pointer).asText()).as(pointer).isEqualTo(PersonalDataSeal.ERASED);
      }
    }
    assertThat(PersonalDataSeal.asShown(golden))
        .as("data not erased is shown as it is")
        .isSameAs(golden.data());
  }

  @Test
  void data_without_a_personal_value_is_not_sealed() {
    CloudEvent golden = Golden.event(EventType.DUNNING_RESUMED);
    ObjectNode data = golden.data().deepCopy();
    data.remove("reason");

    ObjectNode sealed =
        PersonalDataSeal.seal(
            EventType.DUNNING_RESUMED, data, "default", golden.id(), "C-1", 1, aead);

    assertThat(sealed).isEqualTo(data);
    assertThat(PersonalDataSeal.disclosure(sealed)).isEqualTo(Disclosure.NONE);
  }

  @Test
  void a_stream_with_a_sealed_event_verifies_before_and_after_the_key_is_erased()
      throws GeneralSecurityException {
    Map<Integer, Aead> keys = new HashMap<>(Map.of(1, PersonalFixtures.newAead()));
    List<CloudEvent> clear = Golden.invoiceStream();
    List<String> stored = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (CloudEvent event : clear) {
      CloudEvent written =
          PersonalFields.any(event.eventType()) ? PersonalFixtures.seal(event, keys.get(1)) : event;
      written = HashChain.seal(PersonalFixtures.with(written, "prevhash", prev));
      prev = written.hash();
      stored.add(written.toJsonString());
    }
    List<CloudEvent> before = stored.stream().map(CloudEvent::parse).toList();
    ChainVerification verifiedBefore = HashChain.verify(before);
    CloudEvent opened = PersonalDataSeal.open(before.get(0), keys.get(1));

    keys.clear(); // the erasure: the subject's keys are destroyed, the stored text is not touched

    List<CloudEvent> after = stored.stream().map(CloudEvent::parse).toList();
    ChainVerification verifiedAfter = HashChain.verify(after);
    assertThat(PersonalDataSeal.disclosure(before.get(0))).isEqualTo(Disclosure.SEALED);
    assertThat(opened.data().at("/debtor/email").asText()).isEqualTo("compta@dupont.example");
    assertThat(verifiedBefore.verified()).as(verifiedBefore.reason()).isTrue();
    assertThat(verifiedAfter.verified()).as(verifiedAfter.reason()).isTrue();
    assertThat(verifiedAfter.head()).isEqualTo(verifiedBefore.head()).isEqualTo(prev);
    assertThat(after).isEqualTo(before);
    assertThat(PersonalDataSeal.erased(after.get(0)).data().at("/debtor/email").isMissingNode())
        .isTrue();
  }
}
