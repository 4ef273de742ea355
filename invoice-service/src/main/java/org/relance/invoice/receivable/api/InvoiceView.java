package org.relance.invoice.receivable.api;

import java.util.List;
import org.relance.invoice.receivable.domain.Debtor;
import org.relance.invoice.receivable.domain.Invoice;

/**
 * The API's view of an invoice. Amounts are decimal strings. {@code dispute} is the open dispute
 * that pauses dunning, or {@code null}.
 */
public record InvoiceView(
    String id,
    String tenant,
    String invoiceNumber,
    String jurisdiction,
    Debtor debtor,
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

  public record PaymentView(
      String id, String reference, String amount, String paidOn, String outstandingAfter) {}

  static InvoiceView of(Invoice i) {
    return new InvoiceView(
        i.id().toString(),
        i.tenant(),
        i.terms().invoiceNumber(),
        i.terms().jurisdiction(),
        i.terms().debtor(),
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
