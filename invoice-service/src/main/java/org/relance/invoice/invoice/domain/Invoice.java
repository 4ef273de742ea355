package org.relance.invoice.invoice.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * The state of one invoice, folded from its events by {@link #evolve}.
 *
 * @param version number of events applied: the stream version for optimistic concurrency
 */
public record Invoice(
    UUID id,
    String tenant,
    InvoiceTerms terms,
    Money outstanding,
    List<InvoiceEvent.PaymentReceived> payments,
    boolean dueDatePassed,
    long version) {

  public static final Invoice NONE = new Invoice(null, null, null, null, List.of(), false, 0);

  public boolean exists() {
    return id != null;
  }

  public InvoiceStatus status() {
    if (outstanding.isZero()) {
      return InvoiceStatus.PAID;
    }
    if (!payments.isEmpty()) {
      return InvoiceStatus.PARTIALLY_PAID;
    }
    return dueDatePassed ? InvoiceStatus.OVERDUE : InvoiceStatus.OPEN;
  }

  public Optional<InvoiceEvent.PaymentReceived> payment(String reference) {
    return payments.stream().filter(p -> p.reference().equals(reference)).findFirst();
  }

  /**
   * Applies one event. Java 17 has no pattern matching for switch, so the sealed interface is
   * matched with instanceof; the compiler still refuses a fourth kind of event outside this file.
   */
  public Invoice evolve(InvoiceEvent event) {
    if (event instanceof InvoiceEvent.InvoiceIssued issued) {
      return new Invoice(
          issued.invoiceId(),
          issued.tenant(),
          issued.terms(),
          issued.terms().amount(),
          List.of(),
          false,
          version + 1);
    }
    if (event instanceof InvoiceEvent.PaymentReceived paid) {
      List<InvoiceEvent.PaymentReceived> all = new ArrayList<>(payments);
      all.add(paid);
      return new Invoice(
          id, tenant, terms, paid.outstandingAfter(), List.copyOf(all), dueDatePassed, version + 1);
    }
    if (event instanceof InvoiceEvent.EarlyPaymentDiscountGranted granted) {
      return new Invoice(
          id, tenant, terms, granted.outstandingAfter(), payments, dueDatePassed, version + 1);
    }
    if (event instanceof InvoiceEvent.DueDatePassed) {
      return new Invoice(id, tenant, terms, outstanding, payments, true, version + 1);
    }
    throw new IllegalArgumentException("unknown invoice event " + event);
  }

  public static Invoice fold(List<InvoiceEvent> events) {
    Invoice state = NONE;
    for (InvoiceEvent e : events) {
      state = state.evolve(e);
    }
    return state;
  }
}
