package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.money.Money;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RateUnknown;

/**
 * What penalty-service knows of one invoice: its terms once issued (topics are not ordered, so the
 * invoice may arrive after its payments or its due date), the credits received, and the assessments
 * still to make — waiting for the invoice, or for a rate: the engine never guesses.
 *
 * @param tenant null until the invoice arrives
 * @param invoice null until the invoice arrives
 */
public record PenaltyCase(
    String tenant, Invoice invoice, List<Credit> credits, List<PendingAssessment> pending) {

  public PenaltyCase {
    credits = List.copyOf(credits);
    pending = List.copyOf(pending);
  }

  public static PenaltyCase empty() {
    return new PenaltyCase(null, null, List.of(), List.of());
  }

  /**
   * The terms of the invoice that penalties depend on.
   *
   * @param jurisdiction the invoice's code; null means France
   * @param contractualRatePercent the contract's late-payment rate, or null
   */
  public record Invoice(
      UUID invoiceId,
      String invoiceNumber,
      String jurisdiction,
      String currency,
      BigDecimal amount,
      LocalDate dueDate,
      BigDecimal contractualRatePercent) {}

  /** Funds that settled part of the debt on a day: a payment, or an early-payment discount. */
  public record Credit(
      Kind kind, UUID paymentId, LocalDate paidOn, BigDecimal amount, BigDecimal ratePercent) {
    public enum Kind {
      PAYMENT,
      EARLY_PAYMENT_DISCOUNT
    }
  }

  /**
   * An assessment to make as of a date, and the event that called for it.
   *
   * @param businessDate the business date of the causing event, which the assessment carries
   * @param requestId the formal notice's request, for a {@link Trigger#FORMAL_NOTICE}
   * @param waitingFor why it could not be made yet (a missing rate), or null
   */
  public record PendingAssessment(
      Trigger trigger,
      LocalDate asOf,
      LocalDate businessDate,
      String causationId,
      String requestId,
      String waitingFor) {

    PendingAssessment waiting(String reason) {
      return new PendingAssessment(trigger, asOf, businessDate, causationId, requestId, reason);
    }
  }

  /** What an invoice's events tell penalty-service. */
  public sealed interface Fact {

    /** The event that told it: the assessments it calls for carry its id and business date. */
    record Cause(String eventId, LocalDate businessDate) {}

    record InvoiceIssued(String tenant, Invoice invoice) implements Fact {}

    record EarlyPaymentDiscountGranted(LocalDate grantedOn, BigDecimal discount, BigDecimal rate)
        implements Fact {}

    record PaymentReceived(UUID paymentId, LocalDate paidOn, BigDecimal amount, Cause cause)
        implements Fact {}

    record DueDatePassed(LocalDate firstLateDay, Cause cause) implements Fact {}

    record CaseEscalated(LocalDate escalatedOn, Cause cause) implements Fact {}

    /** A reminder was requested; only a formal notice quotes penalties. */
    record ReminderRequested(boolean formalNotice, String requestId, Cause cause) implements Fact {}
  }

  /** Whether a fact changes nothing here (a reminder other than a formal notice). */
  public static boolean irrelevant(Fact fact) {
    return fact instanceof Fact.ReminderRequested r && !r.formalNotice();
  }

  /** Whether the assessments should be made after this fact; a discount waits for its payment. */
  public static boolean assessesAfter(Fact fact) {
    return !(fact instanceof Fact.EarlyPaymentDiscountGranted) && !irrelevant(fact);
  }

  /** The case once it knows the fact. */
  public PenaltyCase with(Fact fact) {
    List<Credit> c = new ArrayList<>(credits);
    List<PendingAssessment> p = new ArrayList<>(pending);
    if (fact instanceof Fact.InvoiceIssued f) {
      return new PenaltyCase(f.tenant(), f.invoice(), credits, pending);
    } else if (fact instanceof Fact.EarlyPaymentDiscountGranted f) {
      // the discount settles part of the principal on the day it is granted, like a payment
      c.add(
          new Credit(
              Credit.Kind.EARLY_PAYMENT_DISCOUNT, null, f.grantedOn(), f.discount(), f.rate()));
    } else if (fact instanceof Fact.PaymentReceived f) {
      c.add(new Credit(Credit.Kind.PAYMENT, f.paymentId(), f.paidOn(), f.amount(), null));
      p.add(pending(Trigger.PAYMENT, f.paidOn(), f.cause(), null));
    } else if (fact instanceof Fact.DueDatePassed f) {
      // penalties run from the first late day whatever day the event is processed; they are
      // assessed as of the later of the two
      LocalDate processed = f.cause().businessDate();
      LocalDate asOf = processed.isAfter(f.firstLateDay()) ? processed : f.firstLateDay();
      p.add(pending(Trigger.DUE_DATE_PASSED, asOf, f.cause(), null));
    } else if (fact instanceof Fact.CaseEscalated f) {
      p.add(pending(Trigger.ESCALATION, f.escalatedOn(), f.cause(), null));
    } else if (fact instanceof Fact.ReminderRequested f) {
      if (!f.formalNotice()) {
        return this;
      }
      // as of the notice's own date, so the letter quotes current figures
      p.add(pending(Trigger.FORMAL_NOTICE, f.cause().businessDate(), f.cause(), f.requestId()));
    }
    return new PenaltyCase(tenant, invoice, c, p);
  }

  private static PendingAssessment pending(
      Trigger trigger, LocalDate asOf, Fact.Cause cause, String requestId) {
    return new PendingAssessment(
        trigger, asOf, cause.businessDate(), cause.eventId(), requestId, null);
  }

  /**
   * What this service already said about the invoice.
   *
   * @param waived the penalties its waivers have waived so far, interest and indemnity together
   * @param assessed whether any penalties were assessed
   */
  public record History(BigDecimal waived, boolean assessed) {}

  /**
   * The outcome of making the pending assessments.
   *
   * @param made the statements made, each with the assessment that called for it
   * @param waiting what still waits (to keep in the case)
   * @param parked those of {@code waiting} that could not be made now, with the reason
   */
  public record Assessments(
      List<Made> made, List<PendingAssessment> waiting, List<PendingAssessment> parked) {}

  public record Made(PendingAssessment cause, Statement statement) {}

  /**
   * Makes the pending assessments: every one waits while the invoice is unknown; a payment made by
   * the due date of an invoice never assessed says nothing (it was paid on time); one whose rate is
   * not known yet, or whose invoice has no rules here, waits with the reason.
   */
  public Assessments assess(History history, RateBook rates, Allocation allocation) {
    if (invoice == null) {
      return new Assessments(List.of(), pending, List.of());
    }
    List<Made> made = new ArrayList<>();
    List<PendingAssessment> waiting = new ArrayList<>();
    List<PendingAssessment> parked = new ArrayList<>();
    for (PendingAssessment t : pending) {
      if (paidOnTime(t, history)) {
        continue;
      }
      try {
        Claim claim = claim(t.asOf(), allocation);
        Assessment a = PenaltyEngine.assess(claim, rates);
        made.add(
            new Made(
                t,
                Statement.of(invoice, t.trigger(), t.requestId(), claim, a, credits)
                    .withWaivers(history.waived())));
      } catch (RateUnknown | IllegalArgumentException e) {
        PenaltyCase.PendingAssessment w = t.waiting(e.getMessage());
        waiting.add(w);
        parked.add(w);
      }
    }
    return new Assessments(made, waiting, parked);
  }

  /** A payment made by the due date, penalties never assessed: nothing to say. */
  private boolean paidOnTime(PendingAssessment t, History history) {
    return t.trigger() == Trigger.PAYMENT
        && !t.asOf().isAfter(invoice.dueDate())
        && !history.assessed();
  }

  /**
   * The claim of the invoice as of a date, every credit counting as a payment.
   *
   * @throws IllegalArgumentException when the invoice's jurisdiction has no rules here
   */
  Claim claim(LocalDate asOf, Allocation allocation) {
    String code = invoice.jurisdiction() == null ? "FR" : invoice.jurisdiction();
    Jurisdiction jurisdiction =
        Jurisdiction.of(code)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("no late-payment rules for jurisdiction " + code));
    Currency currency = Currency.getInstance(invoice.currency());
    List<Claim.Payment> payments =
        credits.stream()
            .map(c -> new Claim.Payment(c.paidOn(), new Money(c.amount(), currency)))
            .toList();
    return new Claim(
        jurisdiction,
        new Money(invoice.amount(), currency),
        invoice.dueDate(),
        invoice.contractualRatePercent(),
        payments,
        asOf,
        allocation);
  }
}
