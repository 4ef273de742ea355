package org.relance.notification.reminder.application;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.Address;
import org.relance.contracts.events.Debtor;
import org.relance.contracts.events.Penalties;
import org.relance.contracts.events.ReminderRequested;
import org.relance.contracts.events.Tone;
import org.relance.notification.reminder.domain.DeliveryRules;
import org.relance.notification.reminder.domain.PostalAddress;
import org.relance.notification.reminder.domain.SendWindow;

/**
 * A {@code ReminderRequested} as notification-service reads it: the envelope as received (sealed:
 * its personal values encrypted, so it is what is parked and listed with dispatches) and its data,
 * opened, as the contract record.
 *
 * @param event the envelope as it was published; the only form ever stored
 * @param data the request's data with its personal values back (recipient, debtor contact), or
 *     without them once the debtor's data was erased
 */
public record RequestedReminder(CloudEvent event, ReminderRequested data) {

  /**
   * A request whose data is read from the envelope itself: for what is never personal (ids, step,
   * tone, batch), or an envelope with nothing sealed.
   */
  public RequestedReminder(CloudEvent event) {
    this(event, EventCodec.read(event, ReminderRequested.class));
  }

  /** The request as received ({@code sealed}) with the data of its opened view. */
  public RequestedReminder(CloudEvent sealed, CloudEvent opened) {
    this(sealed, EventCodec.read(opened, ReminderRequested.class));
  }

  /** The debtor the request is about: the data subject of its personal values. */
  public String debtorId() {
    return data.debtor() == null ? null : data.debtor().id();
  }

  public UUID requestUuid() {
    return data.requestId();
  }

  public String requestId() {
    return data.requestId().toString();
  }

  public UUID invoiceUuid() {
    return data.invoiceId();
  }

  public String invoiceId() {
    return data.invoiceId().toString();
  }

  public String invoiceNumber() {
    return data.invoiceNumber();
  }

  public String channel() {
    return data.channel().name();
  }

  public String step() {
    return data.step();
  }

  public String templateId() {
    return data.template();
  }

  public String currency() {
    return data.currency();
  }

  /** The penalties dunning-service quoted in the request, if any. */
  public Penalties penalties() {
    return data.penalties();
  }

  public LocalDate businessDate() {
    return LocalDate.parse(event.businessdate());
  }

  /** A mise en demeure: it waits for its penalties and is never batched. */
  public boolean isFormalNotice() {
    return data.tone() == Tone.FORMAL_NOTICE;
  }

  public boolean isPostal() {
    return DeliveryRules.isPostal(channel());
  }

  /**
   * The batch this request belongs to: the debtor's invoices at the same step today, which get one
   * message between them. A formal notice is never batched (dunning sends none), and would be sent
   * on its own if one came.
   */
  public Optional<ReminderRequested.Batch> batch() {
    return data.batch() != null && !isFormalNotice() ? Optional.of(data.batch()) : Optional.empty();
  }

  public Optional<String> batchId() {
    return batch().map(b -> b.batchId().toString());
  }

  /** The requested recipient, if it is an email address (for a letter it may be a name). */
  public Optional<String> emailRecipient() {
    return Optional.ofNullable(data.recipient());
  }

  /**
   * Where the email copy of a letter goes: the debtor's address, else the request's recipient if it
   * is an email address.
   */
  public Optional<String> debtorEmail() {
    String email = data.debtor() == null ? null : data.debtor().email();
    if (email != null && !email.isBlank()) {
      return Optional.of(email);
    }
    return emailRecipient().filter(r -> r.contains("@"));
  }

  public Optional<PostalAddress> postalAddress() {
    Debtor debtor = data.debtor();
    Address a = debtor == null ? null : debtor.address();
    if (a == null) {
      return Optional.empty();
    }
    List<String> lines =
        a.lines() == null ? List.of() : a.lines().stream().filter(Objects::nonNull).toList();
    PostalAddress address =
        new PostalAddress(debtor.name(), lines, a.postalCode(), a.city(), a.country());
    return address.isDeliverable() ? Optional.of(address) : Optional.empty();
  }

  /**
   * The local hours the message may leave in.
   *
   * @throws IllegalArgumentException when the window names an impossible time or an unknown zone
   */
  public Optional<SendWindow> sendWindow() {
    ReminderRequested.SendWindow w = data.sendWindow();
    return w == null ? Optional.empty() : Optional.of(SendWindow.of(w.from(), w.to(), w.zone()));
  }

  /** Why the request cannot be delivered at all, if it cannot. */
  public Optional<String> refusal() {
    return DeliveryRules.refusal(
        channel(), emailRecipient(), postalAddress(), templateId(), this::sendWindow);
  }
}
