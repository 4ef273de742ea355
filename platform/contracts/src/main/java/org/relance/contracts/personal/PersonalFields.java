package org.relance.contracts.personal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relance.contracts.EventType;

/**
 * Which fields of each event type's data are personal data, as JSON pointers into {@code data}.
 * They never travel in the clear: the producer's event store moves their values into the encrypted
 * {@code personal} block ({@link PersonalDataSeal}), and readers with a key put them back. The
 * reasons, field by field, are in {@code docs/personal-data.md}.
 *
 * <p>Personal: a debtor's contact data (email, phone, postal address, contact persons), the
 * recipient of a message, the rendered content of a message, and free text a person typed about the
 * debtor (notes, dispute and pause reasons). Not personal: the debtor's id and legal name (a
 * company's identity), its legal id, amounts, dates, ids and the message subject (rendered from the
 * invoice number and the creditor's name only).
 */
public final class PersonalFields {

  private static final List<String> DEBTOR_CONTACT =
      List.of("/debtor/email", "/debtor/phone", "/debtor/address", "/debtor/contacts");

  private static final Map<EventType, List<String>> FIELDS = new EnumMap<>(EventType.class);

  static {
    FIELDS.put(EventType.INVOICE_ISSUED, DEBTOR_CONTACT);
    FIELDS.put(EventType.REMINDER_REQUESTED, concat(DEBTOR_CONTACT, "/recipient"));
    FIELDS.put(EventType.CASE_ESCALATED, DEBTOR_CONTACT);
    FIELDS.put(
        EventType.CALL_TASK_OPENED, List.of("/debtor/phone", "/debtor/email", "/debtor/contacts"));
    FIELDS.put(EventType.REMINDER_SENT, List.of("/recipient", "/content"));
    // an SMTP reply usually quotes the address it refused
    FIELDS.put(EventType.REMINDER_FAILED, List.of("/recipient", "/reason"));
    FIELDS.put(EventType.CALL_OUTCOME_RECORDED, List.of("/note"));
    FIELDS.put(EventType.PROMISE_TO_PAY_RECORDED, List.of("/note"));
    FIELDS.put(EventType.PAYMENT_PLAN_AGREED, List.of("/note"));
    FIELDS.put(EventType.INVOICE_DISPUTED, List.of("/reason"));
    FIELDS.put(EventType.INVOICE_DISPUTE_RESOLVED, List.of("/note"));
    FIELDS.put(EventType.DUNNING_PAUSED, List.of("/reason"));
    FIELDS.put(EventType.DUNNING_RESUMED, List.of("/reason"));
  }

  /** The name of the block that carries the encrypted values in a sealed event's data. */
  public static final String BLOCK = "personal";

  private PersonalFields() {}

  /** The personal fields of a type's data; empty for a type without any. */
  public static List<String> of(EventType type) {
    return FIELDS.getOrDefault(type, List.of());
  }

  public static boolean any(EventType type) {
    return FIELDS.containsKey(type);
  }

  /**
   * Where the data names its data subject (the debtor's id) itself; types without it (notes,
   * messages) get the subject from their producer.
   */
  public static Optional<String> subjectPointer(EventType type) {
    return of(type).stream().anyMatch(p -> p.startsWith("/debtor/"))
        ? Optional.of("/debtor/id")
        : Optional.empty();
  }

  /**
   * The schema version that introduced the encrypted block: types with personal fields are at
   * version 2, the others at 1.
   */
  public static int schemaVersion(EventType type) {
    return any(type) ? 2 : 1;
  }

  private static List<String> concat(List<String> first, String more) {
    List<String> all = new java.util.ArrayList<>(first);
    all.add(more);
    return List.copyOf(all);
  }
}
