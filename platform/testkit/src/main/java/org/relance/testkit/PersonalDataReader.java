package org.relance.testkit;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.personal.PersonalDataSeal;

/**
 * Opens sealed events read from the topics, as a granted service does, straight from the tests' key
 * database ({@link SubjectKeysDatabase}): for tests that check what a message said. An erased
 * subject's events come back marked erased.
 */
public final class PersonalDataReader {

  private final Aead kek;

  public PersonalDataReader() {
    try {
      AeadConfig.register();
      String json =
          new String(
              Base64.getDecoder().decode(SubjectKeysDatabase.localKek()), StandardCharsets.UTF_8);
      kek =
          TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())
              .getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event opened (or marked erased); unchanged when it has nothing sealed. */
  public CloudEvent open(CloudEvent sealed) {
    var block = PersonalDataSeal.block(sealed.data());
    if (block.isEmpty()
        || PersonalDataSeal.disclosure(sealed) != PersonalDataSeal.Disclosure.SEALED) {
      return sealed;
    }
    String subject = block.get().subject();
    int generation = block.get().generation();
    try (Connection c =
            DriverManager.getConnection(
                Infra.jdbcUrl(SubjectKeysDatabase.database()), Infra.DB_USER, Infra.DB_PASSWORD);
        PreparedStatement s =
            c.prepareStatement(
                "select keyset from subject_keys where tenant = ? and subject = ?"
                    + " and generation = ? and erased_at is null")) {
      s.setString(1, sealed.tenant());
      s.setString(2, subject);
      s.setInt(3, generation);
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          return PersonalDataSeal.erased(sealed);
        }
        KeysetHandle keys =
            TinkProtoKeysetFormat.parseEncryptedKeyset(
                rows.getBytes(1),
                kek,
                PersonalDataSeal.keyWrappingContext(sealed.tenant(), subject, generation));
        return PersonalDataSeal.open(
            sealed, keys.getPrimitive(RegistryConfiguration.get(), Aead.class));
      }
    } catch (SQLException | GeneralSecurityException e) {
      throw new IllegalStateException("could not open " + sealed.type() + " " + sealed.id(), e);
    }
  }
}
