package org.relance.contracts.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Golden;

/**
 * Writes {@code golden/events-v2/<Type>.json}: the golden event of each personal type sealed into
 * its version 2 wire form with the test-only keyset {@code golden/personal-data-test-keyset.json}
 * (a Tink JSON keyset in the clear: it protects nothing but these examples). {@code GoldenV2Test}
 * checks the files. Run {@link #main} from platform/contracts only to add a type: it writes the
 * missing files (and the keyset if there is none) and never rewrites one, since encryption draws a
 * fresh nonce and an existing golden file never changes.
 */
final class GoldenV2 {

  static final Path RESOURCES = Path.of("src/test/resources");
  static final String FOLDER = "golden/events-v2/";

  private GoldenV2() {}

  static String resource(EventType type) {
    return FOLDER + type.typeName() + ".json";
  }

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    Path keysetFile = RESOURCES.resolve(PersonalFixtures.TEST_KEYSET);
    if (!Files.exists(keysetFile)) {
      KeysetHandle keyset = PersonalFixtures.newKeyset();
      Files.writeString(
          keysetFile,
          TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()) + "\n");
    }
    var aead =
        PersonalFixtures.aead(
            TinkJsonProtoKeysetFormat.parseKeyset(
                Files.readString(keysetFile), InsecureSecretKeyAccess.get()));
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.createDirectories(RESOURCES.resolve(FOLDER));
    for (EventType type : PersonalFixtures.personalTypes().toList()) {
      Path out = RESOURCES.resolve(resource(type));
      if (Files.exists(out)) {
        continue;
      }
      CloudEvent sealed = PersonalFixtures.seal(Golden.event(type), aead);
      Files.writeString(out, pretty.writeValueAsString(sealed.toJson()) + "\n");
    }
  }
}
