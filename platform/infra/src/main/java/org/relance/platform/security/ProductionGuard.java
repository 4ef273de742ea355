package org.relance.platform.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * In the production profile a service refuses to start with a local default secret or with
 * plaintext to a server outside loopback: the database password of the local stack, the local
 * identity provider, Kafka without TLS, PostgreSQL without TLS, the API without HTTPS, or the
 * manual business clock. Other profiles ({@code demo} for the local stack and the end-to-end tests,
 * {@code test}, {@code dev}) keep their local defaults.
 */
@jakarta.inject.Singleton
public class ProductionGuard {

  private static final Logger LOG = Logger.getLogger(ProductionGuard.class);

  /** The local stack's defaults, which no deployment may keep. */
  static final String LOCAL_DB_PASSWORD = "relance";

  static final String LOCAL_ISSUER = "http://127.0.0.1:8180/realms/relance";

  void check(@Observes StartupEvent event) {
    if (LaunchMode.current() != LaunchMode.NORMAL || !ConfigUtils.getProfiles().contains("prod")) {
      return;
    }
    List<String> faults = faults(ConfigProvider.getConfig());
    if (!faults.isEmpty()) {
      String message =
          "refusing to start in the production profile: "
              + String.join("; ", faults)
              + " (run the local stack with QUARKUS_PROFILE=demo)";
      LOG.error(message);
      throw new IllegalStateException(message);
    }
  }

  /**
   * The local stack's and the tests' key-encryption key for personal data (a Tink keyset, base64,
   * in {@code relance/local-kek.txt}, which deploy/local/up.sh reads too): public, so never a
   * production key.
   */
  public static final String LOCAL_KEK = localKek();

  private static String localKek() {
    try (var in =
        ProductionGuard.class.getClassLoader().getResourceAsStream("relance/local-kek.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What a production configuration gets wrong; empty when it is safe. */
  static List<String> faults(Config config) {
    List<String> faults = new ArrayList<>();
    String password = value(config, "quarkus.datasource.password").orElse("");
    if (password.isEmpty() || password.equals(LOCAL_DB_PASSWORD)) {
      faults.add("quarkus.datasource.password is empty or the local default");
    }
    String reactive = value(config, "quarkus.datasource.reactive.url").orElse("");
    if (!loopback(hostOfDatabase(reactive))
        && !value(config, "quarkus.datasource.reactive.postgresql.ssl-mode")
            .map(m -> m.equals("require") || m.startsWith("verify"))
            .orElse(false)) {
      faults.add(
          "PostgreSQL outside loopback needs TLS (quarkus.datasource.reactive.postgresql.ssl-mode=require or verify-full)");
    }
    String issuer = value(config, "quarkus.oidc.auth-server-url").orElse("");
    if (issuer.equals(LOCAL_ISSUER)) {
      faults.add("quarkus.oidc.auth-server-url is the local identity provider");
    } else if (issuer.startsWith("http:") && !loopback(URI.create(issuer).getHost())) {
      faults.add("the identity provider outside loopback needs https");
    }
    String protocol = value(config, "kafka.security.protocol").orElse("PLAINTEXT");
    String bootstrap = value(config, "kafka.bootstrap.servers").orElse("");
    boolean kafkaLoopback =
        List.of(bootstrap.split(",")).stream()
            .allMatch(b -> loopback(b.strip().replaceAll(":[0-9]+$", "")));
    if (!protocol.equals("SASL_SSL") && !(kafkaLoopback && protocol.equals("SASL_PLAINTEXT"))) {
      faults.add(
          "Kafka needs SASL_SSL outside loopback (kafka.security.protocol is " + protocol + ")");
    }
    String host = value(config, "quarkus.http.host").orElse("0.0.0.0");
    boolean tls =
        value(config, "quarkus.http.ssl.certificate.files").isPresent()
            || value(config, "quarkus.http.tls-configuration-name").isPresent()
            || value(config, "quarkus.tls.key-store.p12.path").isPresent()
            || value(config, "quarkus.tls.key-store.pem.0.cert").isPresent();
    boolean behindProxy =
        value(config, "relance.http.tls-terminated-by-proxy").orElse("false").equals("true");
    if (!loopback(host) && !tls && !behindProxy) {
      faults.add(
          "the API listens on "
              + host
              + " without HTTPS (configure TLS, or relance.http.tls-terminated-by-proxy=true behind a TLS proxy)");
    }
    if (value(config, "relance.personal-data.kek").orElse("").equals(LOCAL_KEK)) {
      faults.add(
          "relance.personal-data.kek is the local stack's key-encryption key: use the production"
              + " one (docs/personal-data.md#keys)");
    }
    if (value(config, "relance.clock.manual").orElse("false").equals("true")) {
      faults.add("relance.clock.manual is on: the manual business clock is for demos and tests");
    }
    return faults;
  }

  private static Optional<String> value(Config config, String name) {
    return config.getOptionalValue(name, String.class).map(String::strip);
  }

  private static String hostOfDatabase(String url) {
    // postgresql://host:port/db or vertx-reactive:postgresql://...
    String rest = url.replaceFirst("^.*?//", "");
    int at = rest.indexOf('@');
    if (at >= 0) {
      rest = rest.substring(at + 1);
    }
    return rest.replaceFirst("[:/].*$", "");
  }

  static boolean loopback(String host) {
    return host != null
        && (host.equals("127.0.0.1")
            || host.equals("localhost")
            || host.equals("::1")
            || host.equals("[::1]")
            || host.startsWith("127."));
  }
}
