package org.relance.invoice.receivable.api;

import java.util.List;
import org.relance.invoice.personal.api.Erased;
import org.relance.invoice.receivable.domain.Debtor;
import org.relance.invoice.receivable.domain.Invoice;

/**
 * The API's view of an invoice. Amounts are decimal strings. {@code dispute} is the open dispute
 * that pauses dunning, or {@code null}. Once the debtor's personal data is erased, its email,
 * phone, address and contacts read {@code "erased"}.
 */
public record InvoiceView(
    String id,
    String tenant,
    String invoiceNumber,
    String jurisdiction,
    DebtorView debtor,
    String status,
    String currency,
    String amount,
    String outstanding,
    String issueDate,
    String dueDate,
    boolean dueDatePassed,
    List<PaymentView> payments,
    DisputeView dispute,
    long version) {

  /**
   * The debtor: {@code email}, {@code phone}, {@code address} (an object) and {@code contacts} (a
   * list) are each the string {@code "erased"} once its personal data was erased.
   */
  public record DebtorView(
      String id,
      String name,
      String legalId,
      Object email,
      Object phone,
      String language,
      Object address,
      Object contacts,
      List<String> segments) {

    static DebtorView of(Debtor d) {
      boolean erased = d.contactErased();
      return new DebtorView(
          d.id(),
          d.name(),
          d.legalId(),
          Erased.or(erased, d.email()),
          Erased.or(erased, d.phone()),
          d.language(),
          Erased.or(erased, d.address()),
          Erased.or(erased, d.contacts()),
          d.segments());
    }
  }

  public record PaymentView(
      String id, String reference, String amount, String paidOn, String outstandingAfter) {}

  static InvoiceView of(Invoice i) {
    return new InvoiceView(
        i.id().toString(),
        i.tenant(),
        i.terms().invoiceNumber(),
        i.terms().jurisdiction(),
        DebtorView.of(i.terms().debtor()),
        i.status().name(),
        i.outstanding().currencyCode(),
        i.terms().amount().toPlainString(),
        i.outstanding().toPlainString(),
        i.terms().issueDate().toString(),
        i.terms().dueDate().toString(),
        i.dueDatePassed(),
        i.payments().stream()
            .map(
                p ->
                    new PaymentView(
                        p.paymentId().toString(),
                        p.reference(),
                        p.amount().toPlainString(),
                        p.paidOn().toString(),
                        p.outstandingAfter().toPlainString()))
            .toList(),
        i.openDispute()
            .map(d -> DisputeView.of(i.id(), i.outstanding().currencyCode(), d))
            .orElse(null),
        i.version());
  }
}
