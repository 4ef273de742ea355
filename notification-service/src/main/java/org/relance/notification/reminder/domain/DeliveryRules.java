package org.relance.notification.reminder.domain;

import java.util.Optional;
import java.util.function.Supplier;

/** Which channels notification-service delivers, and what each needs to go at all. */
public final class DeliveryRules {

  private DeliveryRules() {}

  /** A letter (registered or not): it goes to the post gateway and needs a postal address. */
  public static boolean isPostal(String channel) {
    return "LETTER".equals(channel) || "REGISTERED_LETTER".equals(channel);
  }

  /**
   * Why a request cannot be delivered at all, if it cannot: checked before anything else, so such a
   * request is never parked.
   *
   * @param sendWindow the request's window, read only once the channel and template are fine; it
   *     throws {@link IllegalArgumentException} for an impossible time or unknown zone
   */
  public static Optional<String> refusal(
      String channel,
      Optional<String> emailRecipient,
      Optional<PostalAddress> postalAddress,
      String templateId,
      Supplier<Optional<SendWindow>> sendWindow) {
    switch (channel) {
      case "EMAIL" -> {
        if (emailRecipient.isEmpty()) {
          return Optional.of("the debtor has no email address");
        }
      }
      case "LETTER", "REGISTERED_LETTER" -> {
        if (postalAddress.isEmpty()) {
          return Optional.of("the debtor has no postal address");
        }
      }
      case "SMS" -> {
        return Optional.of("no SMS provider configured");
      }
      case "PHONE_TASK" -> {
        return Optional.of(
            "PHONE_TASK is not a message: dunning-service opens the call task itself");
      }
      default -> {
        return Optional.of("channel " + channel + " is not delivered");
      }
    }
    if (Templates.find(templateId).isEmpty()) {
      return Optional.of("unknown template " + templateId);
    }
    try {
      sendWindow.get();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.empty();
  }
}
