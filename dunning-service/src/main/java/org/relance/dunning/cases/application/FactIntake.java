package org.relance.dunning.cases.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.Channel;
import org.relance.contracts.events.DayStarted;
import org.relance.contracts.events.InvoiceDisputeResolved;
import org.relance.contracts.events.InvoiceDisputed;
import org.relance.contracts.events.PaymentReceived;
import org.relance.contracts.events.PenaltyAssessed;
import org.relance.contracts.events.PersonalDataErased;
import org.relance.contracts.events.ReminderFailed;
import org.relance.contracts.events.ReminderSent;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.DunningCodec;
import org.relance.dunning.cases.persistence.TaskRepository;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.consumer.ConsumedRecord;
import org.relance.platform.personal.SubjectKeys;

/**
 * Folds the facts dunning needs from the other services' topics into {@code dunning_cases}, and
 * queues clock ticks for {@link DayRunner}. Arrival order across topics does not matter here: each
 * fact is merged on its own, and decisions wait for the tick's watermark.
 */
@ApplicationScoped
public class FactIntake {

  private final CaseRepository cases;
  private final TaskRepository tasks;
  private final PlanRepository plans;
  private final SubjectKeys keys;
  private final MeterRegistry registry;

  public FactIntake(
      CaseRepository cases,
      TaskRepository tasks,
      PlanRepository plans,
      SubjectKeys keys,
      MeterRegistry registry) {
    this.cases = cases;
    this.tasks = tasks;
    this.plans = plans;
    this.keys = keys;
    this.registry = registry;
  }

  /** Applies one consumed event in the consumer's transaction (which records it as processed). */
  public Uni<Void> apply(SqlConnection tx, CloudEvent event, ConsumedRecord record) {
    switch (event.eventType()) {
      case INVOICE_ISSUED:
        // the invoice as issued is the case's facts, kept whole
        return cases.invoiceIssued(
            tx,
            UUID.fromString(event.subject()),
            event.tenant(),
            event.data(),
            LocalDate.parse(event.businessdate()));
      case PAYMENT_RECEIVED:
        {
          PaymentReceived p = EventCodec.read(event, PaymentReceived.class);
          return cases.paid(tx, UUID.fromString(event.subject()), p.outstandingAfter(), p.paidOn());
        }
      case INVOICE_DISPUTED:
        {
          InvoiceDisputed d = EventCodec.read(event, InvoiceDisputed.class);
          return cases.disputeOpened(
              tx,
              UUID.fromString(event.subject()),
              d.disputeId(),
              d.category().name(),
              d.openedOn());
        }
      case INVOICE_DISPUTE_RESOLVED:
        {
          InvoiceDisputeResolved r = EventCodec.read(event, InvoiceDisputeResolved.class);
          return cases.disputeResolved(
              tx,
              UUID.fromString(event.subject()),
              r.disputeId(),
              r.resolvedOn(),
              r.outcome().name());
        }
      case DUNNING_PLAN_PUBLISHED:
        // our own topic: every instance (and a rebuilt one) learns the published versions
        return plans.savePlan(tx, event.data());
      case DUNNING_SEGMENTS_PUBLISHED:
        return plans.saveSegments(tx, event.data());
      case PENALTY_ASSESSED:
        {
          PenaltyAssessed p = EventCodec.read(event, PenaltyAssessed.class);
          return cases.penalty(
              tx,
              UUID.fromString(event.subject()),
              new CaseRepository.Penalty(
                  p.asOf(), p.interest(), p.indemnity(), p.total(), event.id()));
        }
      case REMINDER_SENT:
        {
          ReminderSent sent = EventCodec.read(event, ReminderSent.class);
          return delivered(
              tx,
              event,
              sent.requestId(),
              sent.step(),
              sent.channel(),
              new CaseRepository.Proof(
                  event.type(),
                  event.id(),
                  sent.sentAt(),
                  sent.messageId(),
                  null,
                  sent.channel() == null ? null : sent.channel().name()));
        }
      case REMINDER_FAILED:
        {
          ReminderFailed failed = EventCodec.read(event, ReminderFailed.class);
          return delivered(
              tx,
              event,
              failed.requestId(),
              failed.step(),
              failed.channel(),
              new CaseRepository.Proof(
                  event.type(),
                  event.id(),
                  failed.failedAt() == null ? "" : failed.failedAt(),
                  null,
                  // an erased subject's reason is gone (an SMTP reply quotes the address)
                  failed.reason() == null && DunningCodec.erased(event)
                      ? DunningCodec.ERASED
                      : failed.reason(),
                  failed.channel() == null ? null : failed.channel().name()));
        }
      case DAY_STARTED:
        {
          String watermark =
              record.watermark() == null
                  ? "{}"
                  : new String(
                      record.watermark().toHeader(), java.nio.charset.StandardCharsets.UTF_8);
          return cases.tickReceived(
              tx,
              event.tenant(),
              EventCodec.read(event, DayStarted.class).date(),
              UUID.fromString(event.id()),
              watermark);
        }
      case PERSONAL_DATA_ERASED:
        return erased(tx, EventCodec.read(event, PersonalDataErased.class));
      default:
        // DueDatePassed: the decider works from the due date itself; nothing to fold.
        return Uni.createFrom().voidItem();
    }
  }

  /**
   * A debtor's personal data was erased (its keys destroyed by invoice-service): this process
   * forgets the keys it cached, and the case rows and the work list forget the clear values they
   * kept, so that every view shows "erased" instead. Replayed, it finds nothing left to forget.
   * Decisions go on: a later email step of the debtor fails for want of an address, as for any
   * debtor without one.
   */
  private Uni<Void> erased(SqlConnection tx, PersonalDataErased erasure) {
    keys.evict(erasure.tenant(), erasure.subjectId());
    List<UUID> invoices = erasure.invoices() == null ? List.of() : erasure.invoices();
    return cases
        .erasePersonalData(tx, erasure.tenant(), erasure.subjectId(), invoices)
        .flatMap(purged -> tasks.erasePersonalData(tx, erasure.tenant(), erasure.subjectId()));
  }

  /** notification-service's proof of a reminder sent or failed, counted by step and channel. */
  private Uni<Void> delivered(
      SqlConnection tx,
      CloudEvent event,
      UUID requestId,
      String step,
      Channel channel,
      CaseRepository.Proof proof) {
    registry
        .counter(
            "relance.dunning.reminders.delivered",
            "step",
            step == null ? "?" : step,
            "channel",
            channel == null ? "?" : channel.name(),
            "outcome",
            event.eventType() == EventType.REMINDER_SENT ? "sent" : "failed")
        .increment();
    return cases.delivery(tx, UUID.fromString(event.subject()), requestId.toString(), proof);
  }
}
