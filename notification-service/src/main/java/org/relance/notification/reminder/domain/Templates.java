package org.relance.notification.reminder.domain;

import java.util.Map;
import java.util.Optional;

/**
 * The reminder templates notification-service can render, with their version (quoted in the proof
 * of sending, so the evidence file says which text was sent) and their subject line. Change the
 * version with the wording.
 */
public final class Templates {

  /** A template's identity and subject. {@code %s} in the subject is the invoice number. */
  public record Template(String id, String version, String subject) {}

  private static final Map<String, Template> ALL =
      Map.of(
          "friendly-reminder", new Template("friendly-reminder", "1", "Rappel : facture %s"),
          "formal-notice",
              new Template("formal-notice", "2", "Mise en demeure de payer : facture %s"));

  private Templates() {}

  public static Optional<Template> find(String id) {
    return Optional.ofNullable(ALL.get(id));
  }
}
