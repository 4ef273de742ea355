package org.relance.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;

/**
 * The Kafka ACLs come from the catalogue: the local stack's file is exactly what {@link
 * KafkaAccess} generates, and every service consumes exactly what {@link Subscriptions} says.
 */
class KafkaAccessTest {

  private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
  private static final Path ACL_FILE = REPO.resolve("deploy/local/kafka-acls.txt");

  static String generated() {
    StringBuilder text =
        new StringBuilder(
            "# Generated from the event catalogue by KafkaAccess (platform/contracts): do not edit.\n"
                + "# Regenerate: ./mvnw -pl platform/contracts test -Dtest=KafkaAccessTest"
                + " -Drelance.acls.write=true\n"
                + "# principal resource pattern name operation; up.sh applies them (allow, any host).\n");
    KafkaAccess.all().forEach(g -> text.append(g.line()).append('\n'));
    return text.toString();
  }

  @Test
  void the_local_stack_applies_exactly_the_generated_acls() throws IOException {
    if (Boolean.getBoolean("relance.acls.write")) {
      Files.writeString(ACL_FILE, generated());
    }
    assertThat(Files.readString(ACL_FILE))
        .as(ACL_FILE + " is stale: regenerate it (see its first lines)")
        .isEqualTo(generated());
  }

  @Test
  void each_service_consumes_exactly_its_subscriptions() throws IOException {
    for (String service : Subscriptions.SERVICES) {
      Properties config = new Properties();
      try (Reader in =
          Files.newBufferedReader(
              REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
        config.load(in);
      }
      List<String> topics = new ArrayList<>();
      config.stringPropertyNames().stream()
          .filter(n -> n.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?"))
          .forEach(n -> topics.addAll(Arrays.asList(config.getProperty(n).split("\\s*,\\s*"))));
      assertThat(topics)
          .as(service + " consumes what Subscriptions says")
          .containsExactlyInAnyOrderElementsOf(
              Subscriptions.consumedBy(service).stream().map(EventType::topic).toList());
    }
  }

  @Test
  void a_service_writes_only_the_topics_of_the_types_it_owns() {
    for (String service : Subscriptions.SERVICES) {
      List<String> written =
          KafkaAccess.service(service).stream()
              .filter(g -> g.operation() == KafkaAccess.Operation.WRITE)
              .filter(g -> g.resource() == KafkaAccess.Resource.TOPIC)
              .map(KafkaAccess.Grant::name)
              .toList();
      List<String> expected = new ArrayList<>();
      Subscriptions.ownedBy(service).forEach(t -> expected.add(t.topic()));
      expected.add(EventType.DEAD_LETTER_DISCARDED.topic());
      expected.add(EventType.deadLetterTopic(service));
      expected.add(EventType.checkpointTopic(service));
      assertThat(written).as(service).containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(KafkaAccess.operator())
        .noneMatch(g -> g.operation() == KafkaAccess.Operation.WRITE)
        .noneMatch(g -> g.operation() == KafkaAccess.Operation.CREATE);
  }
}
