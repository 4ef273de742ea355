package org.relance.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of event types. Each type has one topic of the same name, one JSON Schema per
 * version ({@code schemas/v1/<Type>.json} on the classpath) and one producing service. The
 * catalogue in docs/events.md documents the same list for readers.
 */
public enum EventType {
  INVOICE_ISSUED("InvoiceIssued", KeyKind.INVOICE, "invoice-service"),
  PAYMENT_RECEIVED("PaymentReceived", KeyKind.INVOICE, "invoice-service"),
  DUE_DATE_PASSED("DueDatePassed", KeyKind.INVOICE, "invoice-service"),
  DAY_STARTED("DayStarted", KeyKind.TENANT, "invoice-service"),
  /** An operator registered a tenant: the creditor's identity, which letters and files quote. */
  TENANT_REGISTERED("TenantRegistered", KeyKind.TENANT, "invoice-service"),
  /** An operator changed a tenant's identity: the whole new profile. */
  TENANT_UPDATED("TenantUpdated", KeyKind.TENANT, "invoice-service"),
  EARLY_PAYMENT_DISCOUNT_GRANTED("EarlyPaymentDiscountGranted", KeyKind.INVOICE, "invoice-service"),
  INVOICE_DISPUTED("InvoiceDisputed", KeyKind.INVOICE, "invoice-service"),
  INVOICE_DISPUTE_RESOLVED("InvoiceDisputeResolved", KeyKind.INVOICE, "invoice-service"),
  REMINDER_REQUESTED("ReminderRequested", KeyKind.INVOICE, "dunning-service"),
  CASE_ESCALATED("CaseEscalated", KeyKind.INVOICE, "dunning-service"),
  DUNNING_PLAN_PUBLISHED("DunningPlanPublished", KeyKind.REFERENCE_DATA, "dunning-service"),
  DUNNING_SEGMENTS_PUBLISHED("DunningSegmentsPublished", KeyKind.REFERENCE_DATA, "dunning-service"),
  DUNNING_PLAN_ASSIGNED("DunningPlanAssigned", KeyKind.INVOICE, "dunning-service"),
  DUNNING_STEP_SKIPPED("DunningStepSkipped", KeyKind.INVOICE, "dunning-service"),
  PROMISE_TO_PAY_RECORDED("PromiseToPayRecorded", KeyKind.INVOICE, "dunning-service"),
  PROMISE_TO_PAY_KEPT("PromiseToPayKept", KeyKind.INVOICE, "dunning-service"),
  PROMISE_TO_PAY_BROKEN("PromiseToPayBroken", KeyKind.INVOICE, "dunning-service"),
  PAYMENT_PLAN_AGREED("PaymentPlanAgreed", KeyKind.INVOICE, "dunning-service"),
  PAYMENT_PLAN_DEFAULTED("PaymentPlanDefaulted", KeyKind.INVOICE, "dunning-service"),
  DUNNING_PAUSED("DunningPaused", KeyKind.INVOICE, "dunning-service"),
  DUNNING_RESUMED("DunningResumed", KeyKind.INVOICE, "dunning-service"),
  CALL_TASK_OPENED("CallTaskOpened", KeyKind.INVOICE, "dunning-service"),
  CALL_OUTCOME_RECORDED("CallOutcomeRecorded", KeyKind.INVOICE, "dunning-service"),
  CREDIT_HOLD_PLACED("CreditHoldPlaced", KeyKind.DEBTOR, "dunning-service"),
  CREDIT_HOLD_LIFTED("CreditHoldLifted", KeyKind.DEBTOR, "dunning-service"),
  PENALTY_ASSESSED("PenaltyAssessed", KeyKind.INVOICE, "penalty-service"),
  PENALTY_WAIVED("PenaltyWaived", KeyKind.INVOICE, "penalty-service"),
  RATE_RECORDED("RateRecorded", KeyKind.REFERENCE_DATA, "penalty-service"),
  REMINDER_SENT("ReminderSent", KeyKind.INVOICE, "notification-service"),
  REMINDER_FAILED("ReminderFailed", KeyKind.INVOICE, "notification-service"),
  /** A data subject's keys were destroyed: every service forgets its clear personal values. */
  PERSONAL_DATA_ERASED("PersonalDataErased", KeyKind.DEBTOR, "invoice-service"),
  /**
   * An operator gave up a record a consumer had dead-lettered: who, why, and what the record was.
   * Appended by whichever service's consumer dead-lettered it ({@link #ANY_PRODUCER}).
   */
  DEAD_LETTER_DISCARDED("DeadLetterDiscarded", KeyKind.TENANT, EventType.ANY_PRODUCER);

  /** The producer of a type every service may append (its {@code source} names which). */
  public static final String ANY_PRODUCER = "*";

  /**
   * The first version of every schema. A breaking change adds the next version beside it, and
   * readers upcast the older ones: see {@link #currentVersion()}.
   */
  public static final int FIRST_VERSION = 1;

  private final String typeName;
  private final KeyKind key;
  private final String producer;

  EventType(String typeName, KeyKind key, String producer) {
    this.typeName = typeName;
    this.key = key;
    this.producer = producer;
  }

  /** The CloudEvents {@code type} attribute. */
  public String typeName() {
    return typeName;
  }

  /** Topics carry the type's name, one topic per type. */
  public String topic() {
    return typeName;
  }

  public KeyKind key() {
    return key;
  }

  /**
   * The service that owns the topic and is the CloudEvents {@code source}, or {@link #ANY_PRODUCER}
   * for a type every service appends.
   */
  public String producer() {
    return producer;
  }

  /** Whether {@code service} may append events of this type. */
  public boolean producedBy(String service) {
    return producer.equals(service) || producer.equals(ANY_PRODUCER);
  }

  /**
   * The schema version producers write today: 2 for the types whose data has personal fields
   * (encrypted since version 2, see {@link org.relance.contracts.personal.PersonalFields}), 1 for
   * the others. Readers also accept every earlier version.
   */
  public int currentVersion() {
    return org.relance.contracts.personal.PersonalFields.schemaVersion(this);
  }

  public String dataschema() {
    return dataschema(currentVersion());
  }

  public String dataschema(int version) {
    return "urn:relance:schema:" + typeName + ":v" + version;
  }

  public String schemaResource(int version) {
    return "schemas/v" + version + "/" + typeName + ".json";
  }

  public static Optional<EventType> byName(String typeName) {
    return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
  }

  /** Dead-letter topic of a consuming service. */
  public static String deadLetterTopic(String service) {
    return "DeadLetter." + service;
  }

  /** The compacted topic of a service's relay checkpoints (see the relay). */
  public static String checkpointTopic(String service) {
    return "RelayCheckpoints." + service;
  }
}
