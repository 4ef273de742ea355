package org.relance.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An Apache Kafka broker (KRaft, combined broker and controller) in a child JVM, run from the
 * test's own class path ({@code kafka.Kafka}), so that a test can {@code kill -9} it and start it
 * again on the same port with the same log folder, as a crash of a real broker would happen. As the
 * local stack's broker, it authenticates every client with SASL/SCRAM-SHA-512 (users added when the
 * storage is formatted, {@link KafkaUsers}) and authorises with KRaft's {@code StandardAuthorizer},
 * denying what no ACL allows.
 */
final class KafkaProcess {

  private final int port;
  private final int controllerPort;
  private final Path home;
  private Process process;
  private int runs;

  KafkaProcess(int port, int controllerPort) {
    this.port = port;
    this.controllerPort = controllerPort;
    try {
      this.home = Files.createTempDirectory("relance-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Path config = home.resolve("server.properties");
      if (runs == 0) {
        Files.writeString(config, properties());
        List<String> format =
            new ArrayList<>(
                List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                    "-c",
                    config.toString()));
        for (String user : KafkaUsers.scramUsers()) {
          format.add("--add-scram");
          format.add(
              KafkaUsers.MECHANISM
                  + "=[name="
                  + user
                  + ",password="
                  + KafkaUsers.password(user)
                  + "]");
        }
        run(format, home.resolve("format.log"));
      }
      runs++;
      process =
          new ProcessBuilder(command(List.of("kafka.Kafka", config.toString())))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(
                      home.resolve("broker-" + runs + ".log").toFile()))
              .start();
      awaitPort(Duration.ofSeconds(60));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Kafka broker", e);
    }
  }

  /** {@code kill -9} of the broker: no controlled shutdown, no flush. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized void stopQuietly() {
    if (process != null) {
      process.destroy();
    }
  }

  private String properties() {
    String log = home.resolve("data").toString();
    return String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=SASL_PLAINTEXT://127.0.0.1:"
                + port
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=SASL_PLAINTEXT",
            "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
            "sasl.enabled.mechanisms=" + KafkaUsers.MECHANISM,
            "sasl.mechanism.inter.broker.protocol=" + KafkaUsers.MECHANISM,
            "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                + KafkaUsers.jaas(KafkaUsers.BROKER, KafkaUsers.password(KafkaUsers.BROKER)),
            "sasl.mechanism.controller.protocol=PLAIN",
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "listener.name.controller.plain.sasl.jaas.config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"controller\" password=\"controller-test-secret\""
                + " user_controller=\"controller-test-secret\";",
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "allow.everyone.if.no.acl.found=false",
            "super.users=User:"
                + KafkaUsers.BROKER
                + ";User:"
                + KafkaUsers.CONTROLLER
                + ";User:"
                + KafkaUsers.ADMIN,
            "log.dirs=" + log,
            "num.partitions=1",
            "default.replication.factor=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=3",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "transaction.state.log.num.partitions=3",
            "share.coordinator.state.topic.replication.factor=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "log.retention.ms=-1")
        + "\n";
  }

  private static List<String> command(List<String> main) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(main);
    return command;
  }

  private static void run(List<String> main, Path log) throws IOException {
    Process p =
        new ProcessBuilder(command(main))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException(
            "Kafka storage format failed: " + Files.readString(log).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitPort(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited; see " + home);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(ie);
        }
      }
    }
    throw new IllegalStateException("the Kafka broker did not listen within " + timeout);
  }
}
