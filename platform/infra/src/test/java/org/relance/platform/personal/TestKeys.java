package org.relance.platform.personal;

import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import org.relance.testkit.Infra;
import org.relance.testkit.SubjectKeysDatabase;

/** Key stores for component tests built by hand: granted (the tests' key database) or not. */
public final class TestKeys {

  private TestKeys() {}

  public static SubjectKeys granted(Vertx vertx) {
    return new SubjectKeys(
        vertx,
        Optional.of(Infra.reactiveUrl(SubjectKeysDatabase.database())),
        Infra.DB_USER,
        Infra.DB_PASSWORD,
        Optional.of(SubjectKeysDatabase.localKek()),
        Duration.ofMinutes(5),
        10_000);
  }

  public static SubjectKeys withoutGrant(Vertx vertx) {
    return new SubjectKeys(
        vertx,
        Optional.empty(),
        Infra.DB_USER,
        Infra.DB_PASSWORD,
        Optional.empty(),
        Duration.ofMinutes(5),
        10_000);
  }

  public static PersonalData personalData(Vertx vertx) {
    return new PersonalData(granted(vertx));
  }
}
