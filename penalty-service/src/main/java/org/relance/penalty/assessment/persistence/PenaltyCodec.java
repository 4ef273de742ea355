package org.relance.penalty.assessment.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.CaseEscalated;
import org.relance.contracts.events.DueDatePassed;
import org.relance.contracts.events.EarlyPaymentDiscountGranted;
import org.relance.contracts.events.InvoiceIssued;
import org.relance.contracts.events.PaymentReceived;
import org.relance.contracts.events.PenaltyAssessed;
import org.relance.contracts.events.PenaltyWaived;
import org.relance.contracts.events.ReminderRequested;
import org.relance.contracts.events.Tone;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.Assessment;
import org.relance.penalty.assessment.domain.Jurisdiction;
import org.relance.penalty.assessment.domain.PenaltyCase;
import org.relance.penalty.assessment.domain.PenaltyCase.Fact;
import org.relance.penalty.assessment.domain.PenaltyEvent;
import org.relance.penalty.assessment.domain.Statement;
import org.relance.penalty.assessment.domain.Trigger;
import org.relance.penalty.assessment.domain.WaiverScope;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Maps between the contract records and penalty-service's domain: the invoice events it consumes to
 * the facts of a {@link PenaltyCase}, and its own events ({@code PenaltyAssessed}, {@code
 * PenaltyWaived}) both ways, so a statement read back from the log writes the same bytes.
 */
public final class PenaltyCodec {

  private PenaltyCodec() {}

  /** What an invoice event tells penalty-service, if anything. */
  public static Optional<Fact> fact(CloudEvent event) {
    switch (event.eventType()) {
      case INVOICE_ISSUED:
        return Optional.of(
            new Fact.InvoiceIssued(
                event.tenant(), invoice(EventCodec.read(event, InvoiceIssued.class))));
      case EARLY_PAYMENT_DISCOUNT_GRANTED:
        {
          var d = EventCodec.read(event, EarlyPaymentDiscountGranted.class);
          return Optional.of(
              new Fact.EarlyPaymentDiscountGranted(d.grantedOn(), d.discount(), d.ratePercent()));
        }
      case PAYMENT_RECEIVED:
        {
          var d = EventCodec.read(event, PaymentReceived.class);
          return Optional.of(
              new Fact.PaymentReceived(d.paymentId(), d.paidOn(), d.amount(), cause(event)));
        }
      case DUE_DATE_PASSED:
        return Optional.of(
            new Fact.DueDatePassed(
                EventCodec.read(event, DueDatePassed.class).firstLateDay(), cause(event)));
      case CASE_ESCALATED:
        return Optional.of(
            new Fact.CaseEscalated(
                EventCodec.read(event, CaseEscalated.class).escalatedOn(), cause(event)));
      case REMINDER_REQUESTED:
        {
          var d = EventCodec.read(event, ReminderRequested.class);
          if (d.tone() != Tone.FORMAL_NOTICE) {
            return Optional.of(new Fact.ReminderRequested(false, null, null));
          }
          return Optional.of(
              new Fact.ReminderRequested(true, d.requestId().toString(), cause(event)));
        }
      default:
        return Optional.empty();
    }
  }

  private static Fact.Cause cause(CloudEvent event) {
    return new Fact.Cause(event.id(), LocalDate.parse(event.businessdate()));
  }

  /** The terms of an issued invoice that penalties depend on. */
  public static PenaltyCase.Invoice invoice(InvoiceIssued issued) {
    return new PenaltyCase.Invoice(
        issued.invoiceId(),
        issued.invoiceNumber(),
        issued.jurisdiction(),
        issued.currency(),
        issued.amount(),
        issued.dueDate(),
        issued.contractualPenaltyRatePercent());
  }

  /** One of this service's events as the log holds it; the event is null for any other type. */
  public static PenaltyEvent.Recorded recorded(CloudEvent event) {
    PenaltyEvent decoded =
        switch (event.eventType()) {
          case PENALTY_ASSESSED ->
              new PenaltyEvent.Assessed(statement(EventCodec.read(event, PenaltyAssessed.class)));
          case PENALTY_WAIVED -> waived(EventCodec.read(event, PenaltyWaived.class));
          default -> null;
        };
    return new PenaltyEvent.Recorded(event.id(), event.tenant(), decoded);
  }

  public static Statement statement(PenaltyAssessed r) {
    return new Statement(
        r.invoiceId(),
        r.invoiceNumber(),
        r.trigger() == null ? null : Trigger.valueOf(r.trigger().name()),
        r.requestId(),
        Jurisdiction.valueOf(r.jurisdiction()),
        r.asOf(),
        r.dueDate(),
        r.currency(),
        r.allocation() == null ? null : Allocation.valueOf(r.allocation().name()),
        r.principal(),
        r.principalOutstanding(),
        r.interest(),
        r.indemnity(),
        r.total(),
        r.penaltiesPaid(),
        r.penaltiesOutstanding(),
        r.amountDue(),
        r.payments() == null
            ? null
            : r.payments().stream()
                .map(p -> new Statement.Payment(p.paidOn(), p.amount()))
                .toList(),
        r.earlyPaymentDiscount() == null
            ? null
            : new Statement.Discount(
                r.earlyPaymentDiscount().amount(),
                new BigDecimal(r.earlyPaymentDiscount().ratePercent()),
                r.earlyPaymentDiscount().grantedOn()),
        r.periods().stream()
            .map(
                p ->
                    new Statement.Period(
                        p.from(),
                        p.to(),
                        p.days(),
                        p.base(),
                        p.ratePercent(),
                        p.interest(),
                        p.rule(),
                        p.reference()))
            .toList(),
        r.indemnityRule() == null
            ? null
            : new Assessment.Rule(r.indemnityRule().text(), r.indemnityRule().reference()),
        r.penaltiesWaived());
  }

  public static PenaltyAssessed record(Statement s) {
    return new PenaltyAssessed(
        s.invoiceId(),
        s.invoiceNumber(),
        s.jurisdiction().name(),
        s.trigger() == null ? null : PenaltyAssessed.Trigger.valueOf(s.trigger().name()),
        s.asOf(),
        s.dueDate(),
        s.currency(),
        s.principal(),
        s.principalOutstanding(),
        s.interest(),
        s.indemnity(),
        s.total(),
        s.periods().stream()
            .map(
                p ->
                    new PenaltyAssessed.Period(
                        p.from(),
                        p.to(),
                        Math.toIntExact(p.days()),
                        p.base(),
                        p.ratePercent(),
                        p.interest(),
                        p.rule(),
                        p.reference()))
            .toList(),
        s.requestId(),
        s.allocation() == null ? null : PenaltyAssessed.Allocation.valueOf(s.allocation().name()),
        s.penaltiesPaid(),
        s.penaltiesOutstanding(),
        s.amountDue(),
        s.payments() == null
            ? null
            : s.payments().stream()
                .map(p -> new PenaltyAssessed.Payment(p.paidOn(), p.amount()))
                .toList(),
        s.indemnityRule() == null
            ? null
            : new PenaltyAssessed.IndemnityRule(
                s.indemnityRule().text(), s.indemnityRule().reference()),
        s.earlyPaymentDiscount() == null
            ? null
            : new PenaltyAssessed.EarlyPaymentDiscount(
                s.earlyPaymentDiscount().amount(),
                s.earlyPaymentDiscount().ratePercent().toPlainString(),
                s.earlyPaymentDiscount().grantedOn()),
        s.penaltiesWaived());
  }

  /**
   * A statement as JSON: the data of its {@code PenaltyAssessed}, and what the statement and quote
   * APIs answer. A statement with the engine's breakdown (an allocation) names its indemnity rule
   * and its discount even when there is none, as an explicit null; the first statements had neither
   * field, and read back they keep their bytes.
   */
  public static ObjectNode toData(Statement s) {
    ObjectNode data = EventCodec.write(record(s));
    if (s.allocation() != null) {
      if (s.indemnityRule() == null) {
        data.putNull("indemnityRule");
      }
      if (s.earlyPaymentDiscount() == null) {
        data.putNull("earlyPaymentDiscount");
      }
    }
    return data;
  }

  /**
   * The {@code PenaltyAssessed} of a statement made for a pending assessment. Its id derives from
   * the invoice, trigger, date and causing event, so a replay re-makes the same id and is not
   * stored twice.
   */
  public static PendingEvent assessed(UUID invoiceId, String tenant, PenaltyCase.Made made) {
    PenaltyCase.PendingAssessment cause = made.cause();
    return new PendingEvent(
        assessedId(invoiceId, cause),
        EventType.PENALTY_ASSESSED,
        invoiceId.toString(),
        toData(made.statement()),
        tenant,
        cause.businessDate(),
        invoiceId.toString(),
        cause.causationId());
  }

  /** The id the {@code PenaltyAssessed} of a pending assessment gets. */
  public static UUID assessedId(UUID invoiceId, PenaltyCase.PendingAssessment cause) {
    return PendingEvent.deterministicId(
        EventType.PENALTY_ASSESSED.typeName(),
        invoiceId.toString(),
        cause.trigger().name(),
        cause.asOf().toString(),
        cause.causationId());
  }

  public static PenaltyEvent.Waived waived(PenaltyWaived r) {
    return new PenaltyEvent.Waived(
        r.invoiceId(),
        WaiverScope.valueOf(r.scope().name()),
        r.interestWaived(),
        r.indemnityWaived(),
        r.currency(),
        r.asOf(),
        r.reason(),
        r.actor());
  }

  public static PenaltyWaived record(PenaltyEvent.Waived w) {
    return new PenaltyWaived(
        w.invoiceId(),
        PenaltyWaived.Scope.valueOf(w.scope().name()),
        w.interestWaived(),
        w.indemnityWaived(),
        w.currency(),
        w.asOf(),
        w.reason(),
        w.actor());
  }

  /**
   * The {@code PenaltyWaived} of a waiver decided on the statement {@code causationId} stated,
   * dated as that statement.
   */
  public static PendingEvent waived(PenaltyEvent.Waived w, String tenant, String causationId) {
    return new PendingEvent(
        UUID.randomUUID(),
        EventType.PENALTY_WAIVED,
        w.invoiceId(),
        record(w),
        tenant,
        w.asOf(),
        w.invoiceId(),
        causationId);
  }

  /** The waiver as JSON, as it is published and as the API answers it. */
  public static ObjectNode toData(PenaltyEvent.Waived w) {
    return EventCodec.write(record(w));
  }

  /** The events of a list that are this service's own, decoded. */
  public static List<PenaltyEvent.Recorded> ownEvents(List<CloudEvent> events) {
    return events.stream().map(PenaltyCodec::recorded).filter(r -> r.event() != null).toList();
  }
}
