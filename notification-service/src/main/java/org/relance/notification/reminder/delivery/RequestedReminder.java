package org.relance.notification.reminder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relance.contracts.CloudEvent;
import org.relance.notification.reminder.domain.PostalAddress;
import org.relance.notification.reminder.domain.SendWindow;

/** A {@code ReminderRequested} as notification-service reads it. */
public record RequestedReminder(CloudEvent event) {

  public JsonNode data() {
    return event.data();
  }

  public String requestId() {
    return text("requestId");
  }

  public String invoiceId() {
    return text("invoiceId");
  }

  public String invoiceNumber() {
    return text("invoiceNumber");
  }

  public String channel() {
    return text("channel");
  }

  public String step() {
    return text("step");
  }

  public String templateId() {
    return text("template");
  }

  public String currency() {
    return text("currency");
  }

  public LocalDate businessDate() {
    return LocalDate.parse(event.businessdate());
  }

  /** A mise en demeure: it waits for its penalties and is never batched. */
  public boolean isFormalNotice() {
    return "FORMAL_NOTICE".equals(text("tone"));
  }

  public boolean isPostal() {
    return "LETTER".equals(channel()) || "REGISTERED_LETTER".equals(channel());
  }

  /**
   * The batch this request belongs to: the debtor's invoices at the same step today, which get one
   * message between them. A formal notice is never batched (dunning sends none), and would be sent
   * on its own if one came.
   */
  public Optional<JsonNode> batch() {
    JsonNode batch = data().path("batch");
    return batch.isObject() && !isFormalNotice() ? Optional.of(batch) : Optional.empty();
  }

  public Optional<String> batchId() {
    return batch().map(b -> b.get("batchId").asText());
  }

  /** The requested recipient, if it is an email address (for a letter it may be a name). */
  public Optional<String> emailRecipient() {
    return Optional.ofNullable(nullableText(data(), "recipient"));
  }

  /**
   * Where the email copy of a letter goes: the debtor's address, else the request's recipient if it
   * is an email address.
   */
  public Optional<String> debtorEmail() {
    String email = nullableText(data().path("debtor"), "email");
    if (email != null && !email.isBlank()) {
      return Optional.of(email);
    }
    return emailRecipient().filter(r -> r.contains("@"));
  }

  public Optional<PostalAddress> postalAddress() {
    JsonNode debtor = data().path("debtor");
    JsonNode a = debtor.path("address");
    if (!a.isObject()) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>();
    a.path("lines").forEach(l -> lines.add(l.asText()));
    PostalAddress address =
        new PostalAddress(
            debtor.get("name").asText(),
            lines,
            nullableText(a, "postalCode"),
            nullableText(a, "city"),
            nullableText(a, "country"));
    return address.isDeliverable() ? Optional.of(address) : Optional.empty();
  }

  /**
   * The local hours the message may leave in.
   *
   * @throws IllegalArgumentException when the window names an impossible time or an unknown zone
   */
  public Optional<SendWindow> sendWindow() {
    JsonNode w = data().path("sendWindow");
    if (!w.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        SendWindow.of(w.get("from").asText(), w.get("to").asText(), w.get("zone").asText()));
  }

  private String text(String field) {
    return data().get(field).asText();
  }

  private static String nullableText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }
}
