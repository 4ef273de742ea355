package org.relance.contracts.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.contracts.HashChain;
import org.relance.contracts.personal.PersonalDataSeal.Disclosure;

/**
 * The golden v2 files pin the encrypted contract: each is a sealed event valid against version 2
 * whose hash verifies, that holds no clear personal value, and that opens with the test keyset to
 * exactly the data of the type's golden (v1) event. A change to the block, the associated data or
 * the encryption of the values shows here: every event already published would stop opening.
 */
class GoldenV2Test {

  private static Aead testKeyset;

  @BeforeAll
  static void key() throws GeneralSecurityException {
    testKeyset = PersonalFixtures.testKeysetAead();
  }

  static Stream<EventType> personalTypes() {
    return PersonalFixtures.personalTypes();
  }

  @Test
  void there_is_one_file_per_personal_type() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(GoldenV2.RESOURCES.resolve(GoldenV2.FOLDER))) {
      files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }

    assertThat(files)
        .isEqualTo(personalTypes().map(t -> t.typeName() + ".json").collect(Collectors.toSet()));
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void the_sealed_golden_is_valid_against_v2_and_its_hash_verifies(EventType type) {
    CloudEvent sealed = CloudEvent.parse(Golden.text(GoldenV2.resource(type)));

    assertThat(sealed.eventType()).isEqualTo(type);
    assertThat(sealed.dataschema()).isEqualTo(type.dataschema(2));
    assertThat(EventSchemas.faults(type, 2, sealed.data())).isEmpty();
    EventSchemas.check(sealed);
    assertThat(HashChain.hashOf(sealed)).isEqualTo(sealed.hash());
    assertThat(PersonalDataSeal.disclosure(sealed)).isEqualTo(Disclosure.SEALED);
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void it_holds_no_clear_personal_value(EventType type) {
    String text = Golden.text(GoldenV2.resource(type));
    CloudEvent clear = Golden.event(type);

    for (String value : PersonalFixtures.strings(PersonalDataSeal.values(type, clear.data()))) {
      assertThat(text).as(GoldenV2.resource(type)).doesNotContain(value);
    }
    assertThat(PersonalDataSeal.values(type, CloudEvent.parse(text).data())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("personalTypes")
  void it_opens_with_the_test_keyset_to_exactly_the_data_of_the_v1_golden(EventType type)
      throws GeneralSecurityException {
    CloudEvent sealed = CloudEvent.parse(Golden.text(GoldenV2.resource(type)));
    CloudEvent clear = Golden.event(type);

    CloudEvent opened = PersonalDataSeal.open(sealed, testKeyset);

    assertThat(opened.data())
        .isEqualTo(PersonalFixtures.expectedOpened(clear.data(), sealed.data()));
    assertThat(EventCodec.read(opened)).isEqualTo(EventCodec.read(clear));
    PersonalDataSeal.Block block = PersonalDataSeal.block(sealed.data()).orElseThrow();
    assertThat(block.subject()).isEqualTo(PersonalFixtures.subjectOf(type, clear.data()));
    assertThat(block.generation()).isEqualTo(1);
    assertThat(
            PersonalFixtures.with(
                    PersonalFixtures.with(sealed.withData(clear.data()), "dataschema", "x"),
                    "hash",
                    "x")
                .toJson())
        .as("the envelope is the v1 golden's but for dataschema and hash")
        .isEqualTo(
            PersonalFixtures.with(PersonalFixtures.with(clear, "dataschema", "x"), "hash", "x")
                .toJson());
  }
}
