package org.relance.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.relance.contracts.EventType;
import org.relance.contracts.access.KafkaAccess;

/**
 * The SCRAM users of the test broker and the client settings of each: the services' and the
 * operator's principals ({@link KafkaAccess#principals()}), and the broker's super users ({@value
 * #ADMIN} provisions topics and ACLs, {@value #BROKER} is the broker itself; the controller
 * listener uses SASL/PLAIN with {@value #CONTROLLER}). Test passwords only.
 */
public final class KafkaUsers {

  public static final String ADMIN = "admin";
  public static final String BROKER = "broker";
  public static final String CONTROLLER = "controller";
  public static final String MECHANISM = "SCRAM-SHA-512";

  private KafkaUsers() {}

  /** Every SCRAM user of the test broker. */
  public static List<String> scramUsers() {
    List<String> users = new java.util.ArrayList<>(List.of(ADMIN, BROKER));
    users.addAll(KafkaAccess.principals());
    return users;
  }

  public static String password(String principal) {
    return principal + "-test-secret";
  }

  /** The security settings of a client that authenticates as {@code principal}. */
  public static Map<String, String> client(String principal) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.put("sasl.mechanism", MECHANISM);
    config.put("sasl.jaas.config", jaas(principal, password(principal)));
    return config;
  }

  /** Client properties with the bootstrap servers and the security settings of a principal. */
  public static Properties props(String bootstrap, String principal) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.putAll(client(principal));
    return props;
  }

  /** The principal that may write a topic: the owner of its type, or the admin. */
  public static String writerOf(String topic) {
    for (EventType type : EventType.values()) {
      if (type.topic().equals(topic) && !type.producer().equals(EventType.ANY_PRODUCER)) {
        return type.producer();
      }
    }
    return ADMIN;
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }
}
