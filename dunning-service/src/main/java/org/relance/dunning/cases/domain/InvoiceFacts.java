package org.relance.dunning.cases.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * What dunning knows of an invoice from invoice-service's events.
 *
 * @param outstanding the principal still due (after the payments seen so far)
 */
public record InvoiceFacts(
    UUID invoiceId,
    String tenant,
    String invoiceNumber,
    Debtor debtor,
    LocalDate issueDate,
    LocalDate dueDate,
    Money amount,
    Money outstanding) {

  public record Debtor(
      String id, String name, String email, String language, List<String> contactEmails) {

    /** Where an email reminder goes: the debtor's address, or the first contact's. */
    public String emailRecipient() {
      if (email != null && !email.isBlank()) {
        return email;
      }
      return contactEmails.stream().filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
    }
  }

  public boolean paid() {
    return outstanding.isZero();
  }
}
