package org.relance.contracts.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;

/**
 * Test fixtures of the personal data tests: keys, the golden events of the personal types, and
 * sealing one of them the way the event store does (same envelope, {@code dataschema} v2, data
 * sealed, hash recomputed over the sealed data).
 */
final class PersonalFixtures {

  /** The test-only keyset that sealed the files of {@code golden/events-v2}. */
  static final String TEST_KEYSET = "golden/personal-data-test-keyset.json";

  /** The subject of the golden events: their debtor. */
  static final String GOLDEN_SUBJECT = "C-1";

  private PersonalFixtures() {}

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The types whose data has personal fields. */
  static Stream<EventType> personalTypes() {
    return Arrays.stream(EventType.values()).filter(PersonalFields::any);
  }

  /** A fresh AES-256-GCM key, as the key store makes one per subject and generation. */
  static KeysetHandle newKeyset() throws GeneralSecurityException {
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
  }

  static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
    return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  static Aead newAead() throws GeneralSecurityException {
    return aead(newKeyset());
  }

  /** The AEAD of the test keyset of the golden v2 files. */
  static Aead testKeysetAead() throws GeneralSecurityException {
    return aead(
        TinkJsonProtoKeysetFormat.parseKeyset(
            Golden.text(TEST_KEYSET), InsecureSecretKeyAccess.get()));
  }

  /** The subject the producer would seal the event's values under. */
  static String subjectOf(EventType type, JsonNode data) {
    return PersonalDataSeal.subjectIn(type, data).orElse(GOLDEN_SUBJECT);
  }

  /** A golden (clear, v1) event sealed into its v2 wire form and re-hashed. */
  static CloudEvent seal(CloudEvent clear, Aead aead) {
    EventType type = clear.eventType();
    ObjectNode sealedData =
        PersonalDataSeal.seal(
            type,
            (ObjectNode) clear.data(),
            clear.tenant(),
            clear.id(),
            subjectOf(type, clear.data()),
            1,
            aead);
    return HashChain.seal(with(clear, "dataschema", type.dataschema()).withData(sealedData));
  }

  /** The event with one envelope attribute changed (its hash kept: re-seal if needed). */
  static CloudEvent with(CloudEvent event, String attribute, String value) {
    ObjectNode json = event.toJson();
    json.put(attribute, value);
    return CloudEvent.parse(Json.write(json));
  }

  /** Every string in a JSON value, at any depth. */
  static List<String> strings(JsonNode node) {
    List<String> strings = new ArrayList<>();
    collect(node, strings);
    return strings;
  }

  private static void collect(JsonNode node, List<String> into) {
    if (node.isTextual()) {
      into.add(node.asText());
    }
    node.forEach(child -> collect(child, into));
  }

  /** The opened view's data expected of a sealed event: the clear data and the block, "clear". */
  static ObjectNode expectedOpened(JsonNode clear, JsonNode sealed) {
    ObjectNode expected = clear.deepCopy();
    ObjectNode block = sealed.get(PersonalFields.BLOCK).deepCopy();
    block.put("disclosure", "clear");
    expected.set(PersonalFields.BLOCK, block);
    return expected;
  }
}
