package org.relance.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relance.testkit.Infra;

/**
 * The whole system for end-to-end tests: the real servers in this JVM (Kafka, PostgreSQL,
 * GreenMail, on free loopback ports), the real identity provider (Keycloak, started by the local
 * stack's own {@code deploy/local/keycloak.sh} with its data under {@code e2e/target/stack/idp})
 * and the five packaged services as separate processes, each from its own folder under {@code
 * e2e/target/stack}, so a developer's running local stack is never touched. Tokens come from {@code
 * deploy/local/token.sh}, as a person at the command line gets them. Started once for all
 * end-to-end tests of the JVM.
 */
public final class Stack {

  public static final List<String> SERVICES =
      List.of(
          "invoice-service",
          "dunning-service",
          "penalty-service",
          "notification-service",
          "litigation-service");
  public static final String START_DATE = "2026-01-05";

  private static Stack instance;

  private final Path repo;
  private final Path home;
  private final String bootstrap;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
  private final Map<String, String> idpEnv = new LinkedHashMap<>();
  private final Map<String, Token> tokens = new java.util.concurrent.ConcurrentHashMap<>();
  private final String issuer;

  private record Token(String value, Instant fetched) {}

  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> starts = new LinkedHashMap<>();

  private Stack() {
    repo = Path.of(System.getProperty("relance.repo", "..")).toAbsolutePath().normalize();
    home = repo.resolve("e2e/target/stack");
    bootstrap = Infra.kafkaBootstrap();
    Infra.mail();
    for (String service : SERVICES) {
      Infra.createDatabase("e2e_" + service.replace("-service", ""));
      ports.put(service, Infra.freePort());
      managementPorts.put(service, Infra.freePort());
    }
    int idpPort = Infra.freePort();
    idpEnv.put("RELANCE_DATA_DIR", home.resolve("idp").toString());
    idpEnv.put("RELANCE_KEYCLOAK_PORT", Integer.toString(idpPort));
    idpEnv.put("RELANCE_KEYCLOAK_MANAGEMENT_PORT", Integer.toString(Infra.freePort()));
    issuer = "http://127.0.0.1:" + idpPort + "/realms/relance";
    idpEnv.put("RELANCE_INVOICE_URL", url("invoice-service"));
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    script("keycloak.sh", "start");
  }

  /**
   * An access token of the identity provider for a role and a tenant ({@code null} for the
   * operator), from {@code deploy/local/token.sh}, which creates the client or the user on first
   * use; reused for five minutes (tokens live fifteen).
   */
  public String token(String role, String tenant) {
    if (tenant != null) {
      register(tenant);
    }
    String key = role + "|" + tenant;
    Token cached = tokens.get(key);
    if (cached != null && cached.fetched().isAfter(Instant.now().minus(Duration.ofMinutes(5)))) {
      return cached.value();
    }
    String value =
        tenant == null
            ? script("token.sh", role).strip()
            : script("token.sh", role, tenant).strip();
    tokens.put(key, new Token(value, Instant.now()));
    return value;
  }

  private final java.util.Set<String> registered =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Registers a tenant once, as deploy/local/token.sh does on first use (POST /api/v1/tenants as an
   * operator), and waits until every service has consumed its TenantRegistered: a token of the
   * tenant stops being refused with 403.
   */
  private synchronized void register(String tenant) {
    if (registered.contains(tenant)) {
      return;
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      // token.sh registers the tenant through invoice-service on first use, as an operator
      String viewer = script("token.sh", "viewer", tenant).strip();
      tokens.put("viewer|" + tenant, new Token(viewer, Instant.now()));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      for (String service : SERVICES) {
        // any read of the tenant: 403 until the service knows it, then 200 or 404
        String probe =
            url(service)
                + switch (service) {
                  case "invoice-service" -> "/api/v1/clock";
                  case "dunning-service" -> "/api/v1/dunning/plans";
                  case "penalty-service" -> "/api/v1/penalties/rates";
                  case "notification-service" ->
                      "/api/v1/notifications/" + java.util.UUID.randomUUID();
                  default -> "/api/v1/evidence/" + java.util.UUID.randomUUID();
                };
        while (client
                .send(
                    HttpRequest.newBuilder(URI.create(probe))
                        .header("Authorization", "Bearer " + viewer)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 403) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(service + " never learnt of tenant " + tenant);
          }
          Thread.sleep(200);
        }
      }
      registered.add(tenant);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a script of deploy/local against this stack's identity provider; answers its output. */
  private String script(String name, String... args) {
    List<String> command =
        new ArrayList<>(List.of("bash", repo.resolve("deploy/local/" + name).toString()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(home.resolve("idp"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
      builder.environment().putAll(idpEnv);
      builder.redirectError(
          ProcessBuilder.Redirect.appendTo(home.resolve("idp/scripts.log").toFile()));
      Process process = builder.start();
      String out =
          new String(
              process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        throw new IllegalStateException(
            "deploy/local/"
                + name
                + " "
                + String.join(" ", args)
                + " failed; see "
                + home.resolve("idp/scripts.log")
                + " and "
                + home.resolve("idp/logs"));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static synchronized Stack get() {
    if (instance == null) {
      instance = new Stack();
      for (String service : SERVICES) {
        instance.start(service);
      }
    }
    return instance;
  }

  /** The folder a service runs in: its logs ({@code service-<run>.log}) are there. */
  public Path serviceDir(String service) {
    return home.resolve(service);
  }

  public String bootstrap() {
    return bootstrap;
  }

  public String url(String service) {
    return "http://127.0.0.1:" + ports.get(service);
  }

  /** Health and metrics of a service: its management interface, no token needed. */
  public String managementUrl(String service) {
    return "http://127.0.0.1:" + managementPorts.get(service);
  }

  public long pid(String service) {
    return processes.get(service).pid();
  }

  /** Starts one service (again) and waits until it reports ready. */
  public synchronized void start(String service) {
    Path jar = repo.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run ./mvnw verify from the repository root");
    }
    try {
      Path dir = Files.createDirectories(home.resolve(service));
      int run = starts.merge(service, 1, Integer::sum);
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx192m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Xss512k",
                  "-Dquarkus.console.color=false",
                  "-jar",
                  jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(
                      dir.resolve("service-" + run + ".log").toFile()));
      Map<String, String> env = builder.environment();
      String db = "e2e_" + service.replace("-service", "");
      env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
      env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPorts.get(service)));
      env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
      env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
      env.put("RELANCE_KAFKA_PASSWORD", org.relance.testkit.KafkaUsers.password(service));
      env.put("QUARKUS_DATASOURCE_REACTIVE_URL", Infra.reactiveUrl(db));
      env.put("QUARKUS_DATASOURCE_JDBC_URL", Infra.jdbcUrl(db));
      env.put("QUARKUS_DATASOURCE_USERNAME", Infra.DB_USER);
      env.put("QUARKUS_DATASOURCE_PASSWORD", Infra.DB_PASSWORD);
      // the data subjects' keys, as deploy/local/up.sh grants them: not to penalty-service
      if (!service.equals("penalty-service")) {
        env.put(
            "RELANCE_PERSONAL_DATA_KEYS_URL",
            Infra.reactiveUrl(org.relance.testkit.SubjectKeysDatabase.database()));
        env.put("RELANCE_PERSONAL_DATA_KEYS_USERNAME", Infra.DB_USER);
        env.put("RELANCE_PERSONAL_DATA_KEYS_PASSWORD", Infra.DB_PASSWORD);
        env.put("RELANCE_PERSONAL_DATA_KEK", org.relance.testkit.SubjectKeysDatabase.localKek());
      }
      env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
      env.put("QUARKUS_MAILER_PORT", Integer.toString(Infra.mail().getSmtp().getPort()));
      // the demo profile: local defaults and the manual clock, which production refuses
      env.put("QUARKUS_PROFILE", "demo");
      env.put("RELANCE_CLOCK_MANUAL", "true");
      env.put("RELANCE_CLOCK_START_DATE", START_DATE);
      processes.put(service, builder.start());
      awaitReady(service, Duration.ofSeconds(120));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}: no shutdown hook, no last commit. */
  public synchronized void kill(String service) {
    Process process = processes.get(service);
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(String service, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!processes.get(service).isAlive()) {
        throw new IllegalStateException(service + " exited at start; see " + home.resolve(service));
      }
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(managementUrl(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        service + " not ready within " + timeout + "; see " + home.resolve(service));
  }

  private void stopAll() {
    try {
      script("keycloak.sh", "stop");
    } catch (RuntimeException e) {
      System.err.println("could not stop Keycloak: " + e.getMessage());
    }
    List<String> reversed = new ArrayList<>(processes.keySet());
    java.util.Collections.reverse(reversed);
    for (String service : reversed) {
      Process p = processes.get(service);
      p.destroy();
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
