package org.relance.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.relance.contracts.EventType;
import org.relance.contracts.access.KafkaAccess;

/**
 * The real servers of a test JVM, started once and shared by all its tests, on free loopback ports
 * so they never clash with a running local stack: an Apache Kafka broker (KRaft, the broker's own
 * code), PostgreSQL (real binaries from the zonky jars) and GreenMail (SMTP + IMAP). They stop when
 * the JVM exits.
 */
public final class Infra {

  public static final String DB_USER = "relance";
  public static final String DB_PASSWORD = "relance";
  public static final List<String> SERVICES = org.relance.contracts.access.Subscriptions.SERVICES;

  private static KafkaProcess kafkaProcess;
  private static EmbeddedPostgres postgres;
  private static java.nio.file.Path postgresData;
  private static int postgresPort;
  private static GreenMail mail;
  private static final List<String> databases = new ArrayList<>();
  private static final java.util.Set<String> registered = new java.util.HashSet<>();

  private Infra() {}

  /**
   * The test broker (a child JVM, see {@link KafkaProcess}), started on first use with the
   * catalogue's topics and the ACLs generated from it ({@link KafkaAccess}).
   */
  public static synchronized String kafkaBootstrap() {
    if (kafkaProcess == null) {
      kafkaProcess = new KafkaProcess(freePort(), freePort());
      kafkaProcess.start();
      provision(kafkaProcess.bootstrap());
      Runtime.getRuntime().addShutdownHook(new Thread(kafkaProcess::stopQuietly));
    }
    return kafkaProcess.bootstrap();
  }

  /** {@code kill -9} of the broker. */
  public static synchronized void killKafka() {
    broker().kill();
  }

  /** Starts the broker {@link #killKafka} killed, on the same port and log folder. */
  public static synchronized void startKafka() {
    broker().start();
  }

  private static KafkaProcess broker() {
    kafkaBootstrap();
    return kafkaProcess;
  }

  /**
   * Every topic of the catalogue (3 partitions, the clock 1), each service's dead-letter topic, and
   * the ACLs of every principal, as the broker's admin.
   */
  private static void provision(String bootstrap) {
    try (Admin admin = Admin.create(KafkaUsers.props(bootstrap, KafkaUsers.ADMIN))) {
      List<NewTopic> topics = new ArrayList<>();
      for (EventType type : EventType.values()) {
        int partitions = type.key() == org.relance.contracts.KeyKind.INVOICE ? 3 : 1;
        topics.add(
            new NewTopic(type.topic(), partitions, (short) 1)
                .configs(Map.of("retention.ms", "-1")));
      }
      for (String service : SERVICES) {
        topics.add(
            new NewTopic(EventType.deadLetterTopic(service), 1, (short) 1)
                .configs(Map.of("retention.ms", "-1")));
      }
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(KafkaAcls.bindings(KafkaAccess.all())).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the topics and ACLs", e);
    }
  }

  /** A new empty database on the shared PostgreSQL server, owned by {@value #DB_USER}. */
  public static synchronized String createDatabase(String name) {
    if (postgres == null) {
      try {
        postgresData = java.nio.file.Files.createTempDirectory("relance-pg-");
        postgresPort = freePort();
        postgres = startPostgresAt(postgresPort, postgresData);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("create role " + DB_USER + " login superuser password '" + DB_PASSWORD + "'");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not start PostgreSQL", e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      if (postgres != null) {
                        postgres.close();
                      }
                      deleteRecursively(postgresData);
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop database if exists \"" + name + "\" with (force)");
      s.execute("create database \"" + name + "\" owner " + DB_USER);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    databases.add(name);
    return name;
  }

  /**
   * Registers a tenant in the directory of every service database of this JVM, as consuming its
   * TenantRegistered would (a fixture: the component tests' tenants are made on the fly; the
   * registration itself, through invoice-service's API and the topics, is tested on its own and end
   * to end). A database whose service has not migrated it yet is skipped.
   */
  public static synchronized void registerTenant(String tenant) {
    if (postgres == null || !registered.add(tenant)) {
      return;
    }
    String profile =
        ("{\"tenant\":\"%s\",\"legalName\":\"Créancier %s SAS\",\"legalId\":\"552100554\","
                + "\"vatNumber\":null,\"address\":{\"lines\":[\"8 rue de la Paix\"],"
                + "\"postalCode\":\"75002\",\"city\":\"Paris\",\"country\":\"FR\"},"
                + "\"country\":\"FR\",\"timeZone\":\"Europe/Paris\",\"language\":\"fr\","
                + "\"signatory\":{\"name\":\"Claire Dubois\",\"title\":\"Directrice financière\"},"
                + "\"contactEmail\":\"recouvrement@%s.example\"}")
            .formatted(tenant, tenant, tenant);
    for (String database : databases) {
      try (Connection c =
              java.sql.DriverManager.getConnection(jdbcUrl(database), DB_USER, DB_PASSWORD);
          java.sql.PreparedStatement insert =
              c.prepareStatement(
                  "insert into tenants (tenant, profile, version) values (?, ?::jsonb, 1)"
                      + " on conflict (tenant) do nothing")) {
        insert.setString(1, tenant);
        insert.setString(2, profile);
        insert.executeUpdate();
      } catch (SQLException e) {
        if (!"42P01".equals(e.getSQLState())) { // undefined_table: not migrated yet
          throw new IllegalStateException("could not register tenant " + tenant, e);
        }
        registered.remove(tenant); // try again once the service has migrated its database
      }
    }
  }

  /**
   * Stops the PostgreSQL server ({@code pg_ctl stop -m fast}), keeping its data folder and port,
   * for outage tests; {@link #startPostgres} brings the same cluster back.
   */
  public static synchronized void stopPostgres() {
    if (postgres == null) {
      throw new IllegalStateException("createDatabase first");
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop PostgreSQL", e);
    }
    postgres = null;
  }

  /** Starts the cluster {@link #stopPostgres} stopped, on the same port and data folder. */
  public static synchronized void startPostgres() {
    if (postgres != null) {
      return;
    }
    try {
      postgres = startPostgresAt(postgresPort, postgresData);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL again", e);
    }
  }

  private static EmbeddedPostgres startPostgresAt(int port, java.nio.file.Path data)
      throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .start();
  }

  private static void deleteRecursively(java.nio.file.Path dir) throws IOException {
    if (dir == null || !java.nio.file.Files.exists(dir)) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  public static synchronized int postgresPort() {
    if (postgresData == null) {
      throw new IllegalStateException("createDatabase first");
    }
    return postgresPort;
  }

  public static String reactiveUrl(String database) {
    return "postgresql://127.0.0.1:" + postgresPort() + "/" + database;
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/" + database;
  }

  /** GreenMail with SMTP and IMAP on free loopback ports, accepting any recipient. */
  public static synchronized GreenMail mail() {
    if (mail == null) {
      ServerSetup smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      ServerSetup imap = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
      mail = new GreenMail(new ServerSetup[] {smtp, imap});
      mail.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> mail.stop()));
    }
    return mail;
  }

  /** The mails GreenMail received for one recipient, in the order received. */
  public static List<jakarta.mail.internet.MimeMessage> mailTo(String recipient) {
    List<jakarta.mail.internet.MimeMessage> received = new ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : mail().getReceivedMessages()) {
      try {
        if (java.util.Arrays.stream(m.getAllRecipients())
            .anyMatch(a -> a.toString().equals(recipient))) {
          received.add(m);
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException("unreadable mail", e);
      }
    }
    return received;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
