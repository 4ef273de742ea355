package org.relance.notification.reminder.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reminder templates notification-service can render, with their version (quoted in the proof
 * of sending, so the evidence file says which text was sent) and their subject line. Change the
 * version with the wording.
 */
public final class Templates {

  /**
   * A template's identity and subjects. {@code %s} in {@code subject} is the invoice number; in
   * {@code batchSubject}, used when one message covers several invoices of the debtor, the list of
   * their numbers.
   */
  public record Template(String id, String version, String subject, String batchSubject) {

    /** The subject of a message about these invoices (their numbers, in the batch's order). */
    public String subjectFor(List<String> invoiceNumbers) {
      return invoiceNumbers.size() == 1
          ? subject.formatted(invoiceNumbers.get(0))
          : batchSubject.formatted(String.join(", ", invoiceNumbers));
    }
  }

  private static final Map<String, Template> ALL =
      Map.of(
          "courtesy-notice",
          new Template(
              "courtesy-notice",
              "2",
              "Échéance prochaine : facture %s",
              "Échéance prochaine : factures %s"),
          "friendly-reminder",
          new Template("friendly-reminder", "3", "Rappel : facture %s", "Rappel : factures %s"),
          "second-reminder",
          new Template(
              "second-reminder",
              "2",
              "Deuxième rappel : facture %s",
              "Deuxième rappel : factures %s"),
          "formal-notice",
          new Template(
              "formal-notice",
              "4",
              "Mise en demeure de payer : facture %s",
              "Mise en demeure de payer : factures %s"));

  private Templates() {}

  public static Optional<Template> find(String id) {
    return Optional.ofNullable(ALL.get(id));
  }
}
