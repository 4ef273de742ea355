package org.relance.contracts.access;

import static org.relance.contracts.EventType.*;

import java.util.List;
import java.util.Map;
import org.relance.contracts.EventType;

/**
 * Which service consumes which event types (every consumer keeps the tenant directory, hence the
 * tenant types everywhere): with each type's owner ({@link EventType#producer()}), the data the
 * Kafka ACLs are generated from ({@link KafkaAccess}). Each service's consumer configuration
 * ({@code mp.messaging.incoming.*.topics}) is checked against it by a test.
 */
public final class Subscriptions {

  public static final List<String> SERVICES =
      List.of(
          "invoice-service",
          "dunning-service",
          "penalty-service",
          "notification-service",
          "litigation-service");

  private static final Map<String, List<EventType>> CONSUMED =
      Map.of(
          "invoice-service",
          List.of(),
          "dunning-service",
          List.of(
              INVOICE_ISSUED,
              PAYMENT_RECEIVED,
              DUE_DATE_PASSED,
              DAY_STARTED,
              INVOICE_DISPUTED,
              INVOICE_DISPUTE_RESOLVED,
              PENALTY_ASSESSED,
              REMINDER_SENT,
              REMINDER_FAILED,
              DUNNING_PLAN_PUBLISHED,
              DUNNING_SEGMENTS_PUBLISHED,
              PERSONAL_DATA_ERASED,
              TENANT_REGISTERED,
              TENANT_UPDATED),
          "penalty-service",
          List.of(
              INVOICE_ISSUED,
              PAYMENT_RECEIVED,
              EARLY_PAYMENT_DISCOUNT_GRANTED,
              DUE_DATE_PASSED,
              REMINDER_REQUESTED,
              CASE_ESCALATED,
              RATE_RECORDED,
              PERSONAL_DATA_ERASED,
              TENANT_REGISTERED,
              TENANT_UPDATED),
          "notification-service",
          List.of(
              REMINDER_REQUESTED,
              PENALTY_ASSESSED,
              PERSONAL_DATA_ERASED,
              TENANT_REGISTERED,
              TENANT_UPDATED),
          "litigation-service",
          List.of(
              INVOICE_ISSUED,
              PAYMENT_RECEIVED,
              EARLY_PAYMENT_DISCOUNT_GRANTED,
              DUE_DATE_PASSED,
              INVOICE_DISPUTED,
              INVOICE_DISPUTE_RESOLVED,
              DUNNING_PLAN_ASSIGNED,
              DUNNING_STEP_SKIPPED,
              REMINDER_REQUESTED,
              CALL_TASK_OPENED,
              CALL_OUTCOME_RECORDED,
              PROMISE_TO_PAY_RECORDED,
              PROMISE_TO_PAY_KEPT,
              PROMISE_TO_PAY_BROKEN,
              PAYMENT_PLAN_AGREED,
              PAYMENT_PLAN_DEFAULTED,
              DUNNING_PAUSED,
              DUNNING_RESUMED,
              REMINDER_SENT,
              REMINDER_FAILED,
              PENALTY_ASSESSED,
              PENALTY_WAIVED,
              CASE_ESCALATED,
              PERSONAL_DATA_ERASED,
              TENANT_REGISTERED,
              TENANT_UPDATED));

  private Subscriptions() {}

  /** The types a service consumes, in the order of its configuration. */
  public static List<EventType> consumedBy(String service) {
    List<EventType> types = CONSUMED.get(service);
    if (types == null) {
      throw new IllegalArgumentException("no service " + service + "; known: " + SERVICES);
    }
    return types;
  }

  /** The types a service owns and publishes (not the ones any service may append). */
  public static List<EventType> ownedBy(String service) {
    return java.util.Arrays.stream(EventType.values())
        .filter(t -> t.producer().equals(service))
        .toList();
  }
}
