package org.relance.invoice.receivable.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.Refusal;
import org.relance.contracts.Refusal.Violation;
import org.relance.contracts.money.Money;

/** The decisions of invoice-service on one invoice: pure functions of state and command. */
public final class InvoiceDecider {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private InvoiceDecider() {}

  /** The rules an issued invoice must satisfy, beyond each field's own format. */
  public static List<Violation> check(InvoiceTerms terms) {
    List<Violation> faults = new ArrayList<>();
    if (!terms.amount().isPositive()) {
      faults.add(new Violation("amount", "must be greater than zero"));
    }
    if (terms.dueDate().isBefore(terms.issueDate())) {
      faults.add(new Violation("dueDate", "must not be before issueDate " + terms.issueDate()));
    }
    if (terms.amountExcludingTax() != null
        && terms.taxAmount() != null
        && terms.amountExcludingTax().plus(terms.taxAmount()).compareTo(terms.amount()) != 0) {
      faults.add(new Violation("amount", "must equal amountExcludingTax + taxAmount"));
    }
    if (terms.amountExcludingTax() != null && terms.amountExcludingTax().isNegative()) {
      faults.add(new Violation("amountExcludingTax", "must not be negative"));
    }
    if (terms.taxAmount() != null && terms.taxAmount().isNegative()) {
      faults.add(new Violation("taxAmount", "must not be negative"));
    }
    BigDecimal rate = terms.contractualPenaltyRatePercent();
    if (rate != null && (rate.signum() < 0 || rate.compareTo(HUNDRED) > 0)) {
      faults.add(new Violation("contractualPenaltyRatePercent", "must be between 0 and 100"));
    }
    var discount = terms.earlyPaymentDiscount();
    if (discount != null) {
      if (discount.ratePercent().signum() <= 0 || discount.ratePercent().compareTo(HUNDRED) >= 0) {
        faults.add(
            new Violation("earlyPaymentDiscount.ratePercent", "must be above 0 and below 100"));
      }
      if (discount.withinDays() < 1) {
        faults.add(new Violation("earlyPaymentDiscount.withinDays", "must be at least 1"));
      }
    }
    return faults;
  }

  /**
   * Issues an invoice on {@code businessDate}. An invoice already past due at intake gets its
   * {@code DueDatePassed} at once, so penalties and dunning start from its real due date.
   */
  public static List<InvoiceEvent> issue(
      UUID invoiceId, String tenant, InvoiceTerms terms, LocalDate businessDate) {
    List<InvoiceEvent> events = new ArrayList<>();
    events.add(new InvoiceEvent.InvoiceIssued(invoiceId, tenant, terms));
    if (terms.dueDate().isBefore(businessDate)) {
      events.add(passed(terms.dueDate(), terms.amount()));
    }
    return events;
  }

  /** On the start of {@code date}: the due date passes for an open invoice due before it. */
  public static List<InvoiceEvent> startDay(Invoice invoice, LocalDate date) {
    if (!invoice.exists()
        || invoice.dueDatePassed()
        || invoice.outstanding().isZero()
        || !invoice.terms().dueDate().isBefore(date)) {
      return List.of();
    }
    return List.of(passed(invoice.terms().dueDate(), invoice.outstanding()));
  }

  private static InvoiceEvent.DueDatePassed passed(LocalDate dueDate, Money outstanding) {
    return new InvoiceEvent.DueDatePassed(dueDate, dueDate.plusDays(1), outstanding);
  }

  /** The outcome of recording a payment the rules accept. */
  public sealed interface PaymentOutcome {
    /**
     * @param events the payment, preceded by the early-payment discount it earned, if any
     */
    record Recorded(List<InvoiceEvent> events, InvoiceEvent.PaymentReceived event)
        implements PaymentOutcome {}

    /** The same payment (same reference, amount and date) was already recorded. */
    record AlreadyRecorded(InvoiceEvent.PaymentReceived existing) implements PaymentOutcome {}
  }

  /**
   * Records a payment.
   *
   * @throws Refusal a conflict when a payment with this reference exists with other content; an
   *     invalid {@code payment-refused} naming the fields at fault when it cannot apply
   */
  public static PaymentOutcome recordPayment(
      Invoice invoice,
      UUID paymentId,
      String reference,
      Money amount,
      LocalDate paidOn,
      LocalDate businessDate) {
    var existing = invoice.payment(reference);
    if (existing.isPresent()) {
      var p = existing.get();
      if (p.amount().equals(amount) && p.paidOn().equals(paidOn)) {
        return new PaymentOutcome.AlreadyRecorded(p);
      }
      throw Refusal.conflict(
          "payment "
              + reference
              + " was already recorded with amount "
              + p.amount().toPlainString()
              + " on "
              + p.paidOn());
    }
    List<Violation> faults = new ArrayList<>();
    if (!amount.currency().equals(invoice.outstanding().currency())) {
      faults.add(
          new Violation(
              "amount",
              "currency "
                  + amount.currencyCode()
                  + " differs from the invoice's "
                  + invoice.outstanding().currencyCode()));
    } else if (!amount.isPositive()) {
      faults.add(new Violation("amount", "must be greater than zero"));
    } else if (invoice.outstanding().isZero()) {
      faults.add(new Violation("amount", "the invoice is already paid in full"));
    } else if (amount.compareTo(invoice.outstanding()) > 0) {
      faults.add(
          new Violation(
              "amount",
              "exceeds the outstanding amount "
                  + invoice.outstanding().toPlainString()
                  + " (record overpayments as a credit in the ERP)"));
    }
    if (paidOn.isAfter(businessDate)) {
      faults.add(new Violation("paidOn", "is after the current business date " + businessDate));
    }
    if (paidOn.isBefore(invoice.terms().issueDate())) {
      faults.add(
          new Violation(
              "paidOn", "is before the invoice's issue date " + invoice.terms().issueDate()));
    }
    if (!faults.isEmpty()) {
      throw Refusal.invalid(
          "payment-refused",
          "Payment refused",
          "the payment cannot be applied to invoice " + invoice.terms().invoiceNumber(),
          faults);
    }
    List<InvoiceEvent> events = new ArrayList<>();
    Money outstanding = invoice.outstanding();
    var discount = earnedDiscount(invoice, amount, paidOn);
    if (discount != null) {
      outstanding = outstanding.minus(discount.discount());
      events.add(
          new InvoiceEvent.EarlyPaymentDiscountGranted(
              invoice.terms().earlyPaymentDiscount().ratePercent(),
              invoice.terms().earlyPaymentDiscount().withinDays(),
              discount.discount(),
              paidOn,
              reference,
              outstanding));
    }
    Money after = outstanding.minus(amount);
    InvoiceEvent.PaymentReceived payment =
        new InvoiceEvent.PaymentReceived(
            paymentId,
            reference,
            amount,
            paidOn,
            after,
            after.isZero() ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID);
    events.add(payment);
    return new PaymentOutcome.Recorded(events, payment);
  }

  /**
   * Opens a dispute on {@code businessDate}. One dispute at a time: a second one while the first is
   * open would leave unclear which resolution resumes dunning. A paid invoice has nothing left to
   * collect, so nothing to pause.
   *
   * @param amountDisputed the contested part, or {@code null} for the whole invoice
   * @throws Refusal not found without the invoice; a conflict while a dispute is open; an invalid
   *     {@code dispute-refused} on a paid invoice or an amount it cannot apply to
   */
  public static InvoiceEvent.InvoiceDisputed openDispute(
      Invoice invoice,
      UUID disputeId,
      DisputeCategory category,
      String reason,
      Money amountDisputed,
      String actor,
      LocalDate businessDate) {
    if (!invoice.exists()) {
      throw Refusal.notFound("no such invoice");
    }
    var open = invoice.openDispute();
    if (open.isPresent()) {
      throw Refusal.conflict(
          "dispute "
              + open.get().id()
              + " is already open on invoice "
              + invoice.terms().invoiceNumber()
              + " since "
              + open.get().openedOn()
              + ": resolve it before opening another");
    }
    if (invoice.outstanding().isZero()) {
      throw disputeRefused(
          "invoice "
              + invoice.terms().invoiceNumber()
              + " is paid in full: nothing is left to collect, so there is nothing to dispute",
          List.of());
    }
    if (amountDisputed != null) {
      String fault = null;
      if (!amountDisputed.currency().equals(invoice.outstanding().currency())) {
        fault =
            "currency "
                + amountDisputed.currencyCode()
                + " differs from the invoice's "
                + invoice.outstanding().currencyCode();
      } else if (!amountDisputed.isPositive()) {
        fault = "must be greater than zero (leave it out to dispute the whole invoice)";
      } else if (amountDisputed.compareTo(invoice.outstanding()) > 0) {
        fault =
            "exceeds the outstanding amount "
                + invoice.outstanding().toPlainString()
                + " "
                + invoice.outstanding().currencyCode();
      }
      if (fault != null) {
        throw disputeRefused(
            "the dispute cannot apply to invoice " + invoice.terms().invoiceNumber(),
            List.of(new Violation("amountDisputed", fault)));
      }
    }
    return new InvoiceEvent.InvoiceDisputed(
        disputeId, category, reason, amountDisputed, businessDate, actor);
  }

  /**
   * The dispute cannot apply to this invoice.
   *
   * @param violations the request fields at fault; empty when the invoice itself is the reason
   */
  private static Refusal disputeRefused(String reason, List<Violation> violations) {
    return Refusal.invalid("dispute-refused", "Dispute refused", reason, violations);
  }

  /**
   * Closes the open dispute {@code disputeId} on {@code businessDate}; dunning then resumes.
   *
   * @throws Refusal not found without the invoice or the dispute; a conflict when it is resolved
   */
  public static InvoiceEvent.InvoiceDisputeResolved resolveDispute(
      Invoice invoice,
      UUID disputeId,
      DisputeOutcome outcome,
      String note,
      String actor,
      LocalDate businessDate) {
    if (!invoice.exists()) {
      throw Refusal.notFound("no such invoice");
    }
    var dispute = invoice.dispute(disputeId);
    if (dispute.isEmpty()) {
      throw Refusal.notFound(
          "no dispute " + disputeId + " on invoice " + invoice.terms().invoiceNumber());
    }
    if (!dispute.get().isOpen()) {
      var done = dispute.get().resolution();
      throw Refusal.conflict(
          "dispute "
              + disputeId
              + " was already resolved on "
              + done.resolvedOn()
              + " as "
              + done.outcome());
    }
    return new InvoiceEvent.InvoiceDisputeResolved(disputeId, outcome, note, businessDate, actor);
  }

  private record Discount(Money discount) {}

  /**
   * The early-payment discount a payment earns: the invoice offers one, nothing was paid yet, the
   * payment is made inside the window (issue date + withinDays) and is exactly the discounted
   * amount. The discount is the rate applied to the amount due, rounded half-up to the cent.
   */
  private static Discount earnedDiscount(Invoice invoice, Money amount, LocalDate paidOn) {
    var offer = invoice.terms().earlyPaymentDiscount();
    if (offer == null
        || !invoice.payments().isEmpty()
        || paidOn.isAfter(invoice.terms().issueDate().plusDays(offer.withinDays()))) {
      return null;
    }
    Money due = invoice.terms().amount();
    Money discount =
        new Money(due.amount().multiply(offer.ratePercent()).divide(HUNDRED), due.currency());
    return amount.equals(due.minus(discount)) ? new Discount(discount) : null;
  }
}
