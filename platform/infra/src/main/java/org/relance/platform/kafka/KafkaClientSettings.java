package org.relance.platform.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The broker address and the service's credentials, for the Kafka clients the platform builds
 * itself (the relay's producer, checkpoint reader and admin): the same {@code kafka.*} settings
 * SmallRye's channels use, so one configuration authenticates every client of a service as its own
 * principal ({@code kafka.security.protocol}, {@code kafka.sasl.mechanism}, {@code
 * kafka.sasl.jaas.config}, and {@code kafka.ssl.*} for SASL_SSL).
 */
@ApplicationScoped
public class KafkaClientSettings {

  private final Config config = ConfigProvider.getConfig();

  /** Bootstrap servers and every security setting, ready for a client's own properties. */
  public Properties base() {
    Properties props = new Properties();
    props.put("bootstrap.servers", config.getValue("kafka.bootstrap.servers", String.class));
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("kafka.security.")
          || name.startsWith("kafka.sasl.")
          || name.startsWith("kafka.ssl.")) {
        Optional<String> value = config.getOptionalValue(name, String.class);
        value.ifPresent(v -> props.put(name.substring("kafka.".length()), v));
      }
    }
    return props;
  }
}
