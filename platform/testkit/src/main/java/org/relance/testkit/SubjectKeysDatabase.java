package org.relance.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * The key database of the data subjects' keys on the tests' PostgreSQL ({@link Infra}), shared by
 * every service of the test JVM as the local stack's is, and the local key-encryption key.
 */
public final class SubjectKeysDatabase {

  private static String name;

  private SubjectKeysDatabase() {}

  /** The key database, created on first use. */
  public static synchronized String database() {
    if (name == null) {
      name = Infra.createDatabase("subject_keys");
    }
    return name;
  }

  /** The configuration that grants a service the keys. */
  public static Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("relance.personal-data.keys.url", Infra.reactiveUrl(database()));
    config.put("relance.personal-data.keys.username", Infra.DB_USER);
    config.put("relance.personal-data.keys.password", Infra.DB_PASSWORD);
    config.put("relance.personal-data.kek", localKek());
    return config;
  }

  /**
   * The local stack's key-encryption key, from relance-infra's {@code relance/local-kek.txt}: on
   * the classpath of every service test, read from the repository by the end-to-end tests.
   */
  public static String localKek() {
    try (var in =
        SubjectKeysDatabase.class.getClassLoader().getResourceAsStream("relance/local-kek.txt")) {
      if (in != null) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      }
      // the end-to-end tests run the services as processes: read the file from the repository
      return java.nio.file.Files.readString(
              java.nio.file.Path.of(System.getProperty("relance.repo", ".."))
                  .resolve("platform/infra/src/main/resources/relance/local-kek.txt"))
          .strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
