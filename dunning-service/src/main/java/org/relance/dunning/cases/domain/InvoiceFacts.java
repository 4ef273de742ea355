package org.relance.dunning.cases.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * What dunning knows of an invoice from the other services' events.
 *
 * @param outstanding the principal still due (after the payments seen so far)
 * @param penaltiesDue the penalties of penalty-service's latest assessment (zero if none)
 * @param disputes the invoice's disputes recorded in invoice-service, oldest first
 */
public record InvoiceFacts(
    UUID invoiceId,
    String tenant,
    String invoiceNumber,
    Debtor debtor,
    LocalDate issueDate,
    LocalDate dueDate,
    Money amount,
    Money outstanding,
    Money penaltiesDue,
    List<Dispute> disputes) {

  public InvoiceFacts {
    disputes = disputes == null ? List.of() : List.copyOf(disputes);
    penaltiesDue = penaltiesDue == null ? Money.zero(amount.currency()) : penaltiesDue;
  }

  public InvoiceFacts(
      UUID invoiceId,
      String tenant,
      String invoiceNumber,
      Debtor debtor,
      LocalDate issueDate,
      LocalDate dueDate,
      Money amount,
      Money outstanding) {
    this(
        invoiceId,
        tenant,
        invoiceNumber,
        debtor,
        issueDate,
        dueDate,
        amount,
        outstanding,
        null,
        List.of());
  }

  public record Debtor(
      String id,
      String name,
      String email,
      String language,
      List<String> contactEmails,
      List<String> segments) {

    public Debtor {
      contactEmails = contactEmails == null ? List.of() : List.copyOf(contactEmails);
      segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public Debtor(String id, String name, String email, String language, List<String> contacts) {
      this(id, name, email, language, contacts, List.of());
    }

    /** Where an email reminder goes: the debtor's address, or the first contact's. */
    public String emailRecipient() {
      if (email != null && !email.isBlank()) {
        return email;
      }
      return contactEmails.stream().filter(e -> e != null && !e.isBlank()).findFirst().orElse(null);
    }
  }

  /**
   * A dispute (litige) recorded on the invoice by invoice-service.
   *
   * @param resolvedOn null while it is open
   * @param outcome how it was resolved (null while open)
   */
  public record Dispute(
      UUID disputeId, String category, LocalDate openedOn, LocalDate resolvedOn, String outcome) {

    public Dispute(UUID disputeId, String category, LocalDate openedOn, LocalDate resolvedOn) {
      this(
          disputeId,
          category,
          openedOn,
          resolvedOn,
          resolvedOn == null ? null : "UPHELD_FOR_CREDITOR");
    }
  }

  /** The principal is paid: the ladder stops there. */
  public boolean paid() {
    return outstanding.isZero();
  }

  public Optional<Dispute> openDispute() {
    return disputes.stream().filter(d -> d.resolvedOn() == null).findFirst();
  }

  public InvoiceFacts withOutstanding(Money now) {
    return new InvoiceFacts(
        invoiceId,
        tenant,
        invoiceNumber,
        debtor,
        issueDate,
        dueDate,
        amount,
        now,
        penaltiesDue,
        disputes);
  }

  public InvoiceFacts withPenaltiesDue(Money now) {
    return new InvoiceFacts(
        invoiceId,
        tenant,
        invoiceNumber,
        debtor,
        issueDate,
        dueDate,
        amount,
        outstanding,
        now,
        disputes);
  }

  public InvoiceFacts withDisputes(List<Dispute> now) {
    return new InvoiceFacts(
        invoiceId,
        tenant,
        invoiceNumber,
        debtor,
        issueDate,
        dueDate,
        amount,
        outstanding,
        penaltiesDue,
        now);
  }
}
