package org.relance.invoice.receivable.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * The state of one invoice, folded from its events by {@link #evolve}.
 *
 * @param disputes every dispute raised on the invoice, oldest first; at most the last one is open
 * @param version number of events applied: the stream version for optimistic concurrency
 */
public record Invoice(
    UUID id,
    String tenant,
    InvoiceTerms terms,
    Money outstanding,
    List<InvoiceEvent.PaymentReceived> payments,
    boolean dueDatePassed,
    List<Dispute> disputes,
    long version) {

  public static final Invoice NONE =
      new Invoice(null, null, null, null, List.of(), false, List.of(), 0);

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

  /** The dispute that pauses dunning now, if any. */
  public Optional<Dispute> openDispute() {
    return disputes.stream().filter(Dispute::isOpen).findFirst();
  }

  public Optional<Dispute> dispute(UUID disputeId) {
    return disputes.stream().filter(d -> d.id().equals(disputeId)).findFirst();
  }

  /**
   * Applies one event. Java 17 has no pattern matching for switch, so the sealed interface is
   * matched with instanceof; the compiler still refuses a new kind of event outside this file.
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
          List.of(),
          version + 1);
    }
    if (event instanceof InvoiceEvent.PaymentReceived paid) {
      List<InvoiceEvent.PaymentReceived> all = new ArrayList<>(payments);
      all.add(paid);
      return new Invoice(
          id,
          tenant,
          terms,
          paid.outstandingAfter(),
          List.copyOf(all),
          dueDatePassed,
          disputes,
          version + 1);
    }
    if (event instanceof InvoiceEvent.EarlyPaymentDiscountGranted granted) {
      return new Invoice(
          id,
          tenant,
          terms,
          granted.outstandingAfter(),
          payments,
          dueDatePassed,
          disputes,
          version + 1);
    }
    if (event instanceof InvoiceEvent.DueDatePassed) {
      return new Invoice(id, tenant, terms, outstanding, payments, true, disputes, version + 1);
    }
    if (event instanceof InvoiceEvent.InvoiceDisputed disputed) {
      List<Dispute> all = new ArrayList<>(disputes);
      all.add(
          new Dispute(
              disputed.disputeId(),
              disputed.category(),
              disputed.reason(),
              disputed.amountDisputed(),
              disputed.openedOn(),
              disputed.actor(),
              null,
              disputed.reasonErased()));
      return new Invoice(
          id, tenant, terms, outstanding, payments, dueDatePassed, List.copyOf(all), version + 1);
    }
    if (event instanceof InvoiceEvent.InvoiceDisputeResolved resolved) {
      Dispute.Resolution resolution =
          new Dispute.Resolution(
              resolved.outcome(),
              resolved.note(),
              resolved.resolvedOn(),
              resolved.actor(),
              resolved.noteErased());
      List<Dispute> all =
          disputes.stream()
              .map(
                  d ->
                      d.id().equals(resolved.disputeId())
                          ? new Dispute(
                              d.id(),
                              d.category(),
                              d.reason(),
                              d.amountDisputed(),
                              d.openedOn(),
                              d.openedBy(),
                              resolution,
                              d.reasonErased())
                          : d)
              .toList();
      return new Invoice(id, tenant, terms, outstanding, payments, dueDatePassed, all, version + 1);
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
