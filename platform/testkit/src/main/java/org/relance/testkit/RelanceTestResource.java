package org.relance.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands a Quarkus component test the real servers of {@link Infra}: the shared Kafka broker and a
 * test identity provider ({@link Tokens}), a fresh database named after the service (init arg
 * {@code database}), the key database of the data subjects' keys ({@link SubjectKeysDatabase}), and
 * GreenMail when the init arg {@code mail} is {@code true}.
 */
public class RelanceTestResource implements QuarkusTestResourceLifecycleManager {

  private String database = "service";
  private boolean withMail;

  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.getOrDefault("database", database);
    withMail = Boolean.parseBoolean(initArgs.getOrDefault("mail", "false"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", Infra.kafkaBootstrap());
    config.put("quarkus.oidc.auth-server-url", Tokens.issuer());
    // the service's own Kafka principal, as in production
    config.put("relance.kafka.password", KafkaUsers.password(database + "-service"));
    String db = Infra.createDatabase(database);
    config.put("quarkus.datasource.reactive.url", Infra.reactiveUrl(db));
    config.put("quarkus.datasource.jdbc.url", Infra.jdbcUrl(db));
    config.put("quarkus.datasource.username", Infra.DB_USER);
    config.put("quarkus.datasource.password", Infra.DB_PASSWORD);
    // the data subjects' keys, one key database for every service of the JVM, as on the stack
    config.putAll(SubjectKeysDatabase.config());
    if (withMail) {
      var mail = Infra.mail();
      config.put("quarkus.mailer.host", "127.0.0.1");
      config.put("quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()));
      config.put("quarkus.mailer.mock", "false");
    }
    return config;
  }

  @Override
  public void stop() {
    // The servers are shared by every test of the JVM and stop with it.
  }
}
