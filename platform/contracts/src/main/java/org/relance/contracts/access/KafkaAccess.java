package org.relance.contracts.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relance.contracts.EventType;

/**
 * Who may do what on the broker, generated from the event catalogue, never written by hand: each
 * service's principal writes only the topics of the types it owns (and {@code DeadLetterDiscarded},
 * which any consumer appends), reads only the topics it consumes ({@link Subscriptions}), and has
 * what its plumbing needs: DESCRIBE on what it produces (the day barrier's watermark lists their
 * offsets), its dead-letter topic (write, and read for replays), its relay's checkpoint topic
 * (which the relay creates), and its transactional ids and consumer groups by prefix ({@code
 * <service>…}) so that several instances can run. The operator reads every topic and describes
 * every group (lag), and consumes under the {@value #OPERATOR_GROUP_PREFIX} prefix only.
 */
public final class KafkaAccess {

  /** The principal of people and tools (kafka-console.sh, kcat): read-only. */
  public static final String OPERATOR = "relance-operator";

  /** The consumer groups the operator may join (its console consumers). */
  public static final String OPERATOR_GROUP_PREFIX = "relance-operator-";

  public enum Resource {
    TOPIC,
    GROUP,
    TRANSACTIONAL_ID
  }

  public enum Pattern {
    LITERAL,
    PREFIXED
  }

  public enum Operation {
    READ,
    WRITE,
    DESCRIBE,
    CREATE
  }

  /** One allow rule: a principal ({@code User:<name>}) may do an operation on a resource. */
  public record Grant(
      String principal, Resource resource, Pattern pattern, String name, Operation operation) {

    /** The rule as one line of text: {@code principal resource pattern name operation}. */
    public String line() {
      return String.join(
          " ", "User:" + principal, resource.name(), pattern.name(), name, operation.name());
    }
  }

  private KafkaAccess() {}

  /** Every grant of the platform: the five services and the operator. */
  public static List<Grant> all() {
    List<Grant> grants = new ArrayList<>();
    Subscriptions.SERVICES.forEach(s -> grants.addAll(service(s)));
    grants.addAll(operator());
    return grants;
  }

  /** The grants of one service's principal, named like the service. */
  public static List<Grant> service(String service) {
    List<Grant> grants = new ArrayList<>();
    for (EventType type : EventType.values()) {
      if (type.producedBy(service)) {
        topic(grants, service, type.topic(), Operation.WRITE, Operation.DESCRIBE);
      }
    }
    for (EventType type : Subscriptions.consumedBy(service)) {
      if (!type.producedBy(service)) {
        topic(grants, service, type.topic(), Operation.READ, Operation.DESCRIBE);
      } else {
        topic(grants, service, type.topic(), Operation.READ);
      }
    }
    topic(
        grants,
        service,
        EventType.deadLetterTopic(service),
        Operation.WRITE,
        Operation.READ,
        Operation.DESCRIBE);
    topic(
        grants,
        service,
        EventType.checkpointTopic(service),
        Operation.CREATE,
        Operation.WRITE,
        Operation.READ,
        Operation.DESCRIBE);
    for (Operation op : List.of(Operation.READ, Operation.DESCRIBE)) {
      grants.add(new Grant(service, Resource.GROUP, Pattern.PREFIXED, service, op));
    }
    for (Operation op : List.of(Operation.WRITE, Operation.DESCRIBE)) {
      grants.add(new Grant(service, Resource.TRANSACTIONAL_ID, Pattern.PREFIXED, service, op));
    }
    return grants;
  }

  /** The operator's grants: read and describe everything, consume under its own prefix. */
  public static List<Grant> operator() {
    List<Grant> grants = new ArrayList<>();
    for (Operation op : List.of(Operation.READ, Operation.DESCRIBE)) {
      grants.add(new Grant(OPERATOR, Resource.TOPIC, Pattern.LITERAL, "*", op));
    }
    grants.add(new Grant(OPERATOR, Resource.GROUP, Pattern.LITERAL, "*", Operation.DESCRIBE));
    grants.add(
        new Grant(
            OPERATOR, Resource.GROUP, Pattern.PREFIXED, OPERATOR_GROUP_PREFIX, Operation.READ));
    return grants;
  }

  /** The principals a broker must know (SCRAM users), besides its own super users. */
  public static List<String> principals() {
    List<String> names = new ArrayList<>(Subscriptions.SERVICES);
    names.add(OPERATOR);
    return names;
  }

  private static void topic(List<Grant> grants, String principal, String topic, Operation... ops) {
    Arrays.stream(ops)
        .forEach(
            op -> grants.add(new Grant(principal, Resource.TOPIC, Pattern.LITERAL, topic, op)));
  }
}
