package org.relance.dunning.cases.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.contracts.events.CallOutcomeRecorded;
import org.relance.contracts.events.CallTaskOpened;
import org.relance.contracts.events.CaseEscalated;
import org.relance.contracts.events.Contact;
import org.relance.contracts.events.CreditHoldLifted;
import org.relance.contracts.events.CreditHoldPlaced;
import org.relance.contracts.events.Debtor;
import org.relance.contracts.events.DunningPaused;
import org.relance.contracts.events.DunningPlanAssigned;
import org.relance.contracts.events.DunningResumed;
import org.relance.contracts.events.DunningStepSkipped;
import org.relance.contracts.events.EventData;
import org.relance.contracts.events.InvoiceDisputeResolved;
import org.relance.contracts.events.InvoiceDisputed;
import org.relance.contracts.events.InvoiceIssued;
import org.relance.contracts.events.Overdue;
import org.relance.contracts.events.PaymentPlanAgreed;
import org.relance.contracts.events.PaymentPlanDefaulted;
import org.relance.contracts.events.Penalties;
import org.relance.contracts.events.PenaltyAssessed;
import org.relance.contracts.events.PromiseToPayBroken;
import org.relance.contracts.events.PromiseToPayKept;
import org.relance.contracts.events.PromiseToPayRecorded;
import org.relance.contracts.events.ReminderRequested;
import org.relance.contracts.money.Money;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.dunning.cases.domain.AssessedPenalties;
import org.relance.dunning.cases.domain.CallOutcome;
import org.relance.dunning.cases.domain.Delivery;
import org.relance.dunning.cases.domain.DisputeNews;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.domain.EventKeys;
import org.relance.dunning.cases.domain.InvoiceFacts;
import org.relance.dunning.credit.domain.DebtorExposure;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Maps dunning's events to their published contracts and back, and the facts dunning keeps of other
 * services' events ({@code dunning_cases}) to {@link InvoiceFacts}. The rules live in the domain
 * ({@link EventKeys}, {@link AssessedPenalties}, {@link DisputeNews}); here is only the mapping.
 */
public final class DunningCodec {

  private DunningCodec() {}

  /**
   * What stands in a projection, and in a view, for a personal value whose data subject was erased
   * (the value itself is gone for good).
   */
  public static final String ERASED = org.relance.contracts.personal.PersonalDataSeal.ERASED;

  /** Whether an event read back is the view of an erased subject's event (its values gone). */
  public static boolean erased(CloudEvent event) {
    return PersonalDataSeal.disclosure(event) == PersonalDataSeal.Disclosure.ERASED;
  }

  /** A personal text as the case keeps it: {@link #ERASED} where the subject's key was erased. */
  private static String text(String value, boolean erased) {
    return erased && value == null ? ERASED : value;
  }

  /** One message per debtor: the invoices of a debtor at one step on one day. */
  public record Batch(UUID batchId, List<ReminderRequested.Batch.Invoice> invoices) {}

  /**
   * What a reminder's data carries besides the decision itself.
   *
   * @param invoice the invoice as issued (where the debtor's address, phone and contacts come from)
   * @param penalties penalty-service's latest assessment, null when none was received
   * @param batch the debtor's batch the request belongs to, null when it goes alone
   * @param sendWindow the hours the message may leave, null for a person's command
   * @param requestedBy the operator who asked for a retry, null for the plan's own steps
   */
  public record Extras(
      InvoiceIssued invoice,
      AssessedPenalties penalties,
      Batch batch,
      ReminderRequested.SendWindow sendWindow,
      String requestedBy) {

    /** From the columns of {@code dunning_cases} and the send window as configured. */
    public Extras(
        JsonNode invoice, JsonNode penalty, Batch batch, JsonNode sendWindow, String requestedBy) {
      this(
          Json.convert(invoice, InvoiceIssued.class),
          assessed(penalty),
          batch,
          absent(sendWindow) ? null : Json.convert(sendWindow, ReminderRequested.SendWindow.class),
          requestedBy);
    }

    public Extras(JsonNode invoice, JsonNode penalty, Batch batch, JsonNode sendWindow) {
      this(invoice, penalty, batch, sendWindow, null);
    }
  }

  // ---------------------------------------------------------------- rows of dunning_cases

  /**
   * The {@code penalty} column: the latest {@code PenaltyAssessed}'s amounts and its event id.
   *
   * @param eventId the id of the {@code PenaltyAssessed} event
   */
  public record PenaltyRow(
      LocalDate asOf, BigDecimal interest, BigDecimal indemnity, BigDecimal total, UUID eventId) {}

  /**
   * One element of the {@code disputes} column: the opening and the resolution of a dispute arrive
   * separately and are merged by id, so either half may be missing.
   */
  public record DisputeRow(
      UUID disputeId, String category, LocalDate openedOn, LocalDate resolvedOn, String outcome) {}

  /**
   * One value of the {@code deliveries} column (keyed by request id): notification-service's proof
   * of sending ({@code ReminderSent}) or of failure ({@code ReminderFailed}).
   */
  public record DeliveryRow(
      String type, UUID eventId, String at, String messageId, String reason, String channel) {}

  /** The {@code disputes} element a consumed {@code InvoiceDisputed} merges in. */
  public static ObjectNode disputeOpened(InvoiceDisputed d) {
    return Json.toObject(
        new DisputeRow(d.disputeId(), d.category().name(), d.openedOn(), null, null));
  }

  /** The {@code disputes} element a consumed {@code InvoiceDisputeResolved} merges in. */
  public static ObjectNode disputeResolved(InvoiceDisputeResolved d) {
    return Json.toObject(
        new DisputeRow(d.disputeId(), null, null, d.resolvedOn(), d.outcome().name()));
  }

  /** The {@code penalty} column a consumed {@code PenaltyAssessed} sets. */
  public static ObjectNode penalty(CloudEvent assessed) {
    PenaltyAssessed p = EventCodec.read(assessed, PenaltyAssessed.class);
    return Json.toObject(
        new PenaltyRow(
            p.asOf(), p.interest(), p.indemnity(), p.total(), UUID.fromString(assessed.id())));
  }

  public static InvoiceFacts facts(
      JsonNode invoice, BigDecimal paidDownTo, JsonNode penalty, JsonNode disputes) {
    InvoiceIssued issued = Json.convert(invoice, InvoiceIssued.class);
    Currency currency = Currency.getInstance(issued.currency());
    Money amount = new Money(issued.amount(), currency);
    Debtor d = issued.debtor();
    List<String> contactEmails = new ArrayList<>();
    if (d.contacts() != null) {
      d.contacts().stream()
          .map(Contact::email)
          .filter(email -> email != null)
          .forEach(contactEmails::add);
    }
    List<DisputeNews> news = new ArrayList<>();
    if (!absent(disputes)) {
      for (JsonNode x : disputes) {
        DisputeRow row = Json.convert(x, DisputeRow.class);
        news.add(
            new DisputeNews(
                row.disputeId(), row.category(), row.openedOn(), row.resolvedOn(), row.outcome()));
      }
    }
    AssessedPenalties assessed = assessed(penalty);
    return new InvoiceFacts(
        issued.invoiceId(),
        issued.tenant(),
        issued.invoiceNumber(),
        new InvoiceFacts.Debtor(
            d.id(),
            d.name(),
            d.email(),
            // the contract's default: a debtor without a language is written to in French
            d.language() == null ? "fr" : d.language(),
            contactEmails,
            d.segments()),
        issued.issueDate(),
        issued.dueDate(),
        amount,
        paidDownTo == null ? amount : new Money(paidDownTo, currency),
        assessed == null || assessed.total() == null
            ? Money.zero(currency)
            : new Money(assessed.total(), currency),
        DisputeNews.known(news));
  }

  /** The outcome of each reminder request, from dunning_cases.deliveries. */
  public static Map<UUID, Delivery> deliveries(JsonNode deliveries) {
    Map<UUID, Delivery> map = new HashMap<>();
    if (!absent(deliveries)) {
      deliveries
          .fields()
          .forEachRemaining(
              e ->
                  map.put(
                      UUID.fromString(e.getKey()),
                      EventType.REMINDER_SENT
                              .typeName()
                              .equals(Json.convert(e.getValue(), DeliveryRow.class).type())
                          ? Delivery.SENT
                          : Delivery.FAILED));
    }
    return map;
  }

  private static AssessedPenalties assessed(JsonNode penalty) {
    if (absent(penalty)) {
      return null;
    }
    PenaltyRow row = Json.convert(penalty, PenaltyRow.class);
    return new AssessedPenalties(
        row.asOf(), row.interest(), row.indemnity(), row.total(), row.eventId());
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  // ---------------------------------------------------------------- the invoice's stream

  public static EventType type(DunningEvent event) {
    if (event instanceof DunningEvent.PlanAssigned) {
      return EventType.DUNNING_PLAN_ASSIGNED;
    } else if (event instanceof DunningEvent.ReminderRequested) {
      return EventType.REMINDER_REQUESTED;
    } else if (event instanceof DunningEvent.CallTaskOpened) {
      return EventType.CALL_TASK_OPENED;
    } else if (event instanceof DunningEvent.CallOutcomeRecorded) {
      return EventType.CALL_OUTCOME_RECORDED;
    } else if (event instanceof DunningEvent.StepsSkipped) {
      return EventType.DUNNING_STEP_SKIPPED;
    } else if (event instanceof DunningEvent.PromiseRecorded) {
      return EventType.PROMISE_TO_PAY_RECORDED;
    } else if (event instanceof DunningEvent.PromiseKept) {
      return EventType.PROMISE_TO_PAY_KEPT;
    } else if (event instanceof DunningEvent.PromiseBroken) {
      return EventType.PROMISE_TO_PAY_BROKEN;
    } else if (event instanceof DunningEvent.PaymentPlanAgreed) {
      return EventType.PAYMENT_PLAN_AGREED;
    } else if (event instanceof DunningEvent.PaymentPlanDefaulted) {
      return EventType.PAYMENT_PLAN_DEFAULTED;
    } else if (event instanceof DunningEvent.Paused) {
      return EventType.DUNNING_PAUSED;
    } else if (event instanceof DunningEvent.Resumed) {
      return EventType.DUNNING_RESUMED;
    } else if (event instanceof DunningEvent.CaseEscalated) {
      return EventType.CASE_ESCALATED;
    }
    throw new IllegalArgumentException("unknown dunning event " + event);
  }

  /** The event id: the domain's idempotency key ({@link EventKeys}) as a name-based UUID. */
  public static UUID eventId(UUID invoiceId, DunningEvent event) {
    return PendingEvent.deterministicId(EventKeys.of(invoiceId, event));
  }

  /** The published JSON of {@code event}'s data. */
  public static ObjectNode toData(InvoiceFacts facts, Extras extras, DunningEvent event) {
    EventData data = toRecord(facts, extras, event);
    ObjectNode json = EventCodec.write(data);
    // Version 1 wrote these as explicit nulls while the contract's golden examples leave them out,
    // so the record cannot say ALWAYS for them: the nulls are restored here, bytes unchanged.
    if (data instanceof ReminderRequested r) {
      if (r.batch() == null) {
        json.putNull("batch");
      }
      if (r.sendWindow() == null) {
        json.putNull("sendWindow");
      }
    } else if (data instanceof CaseEscalated e && e.penalties() == null) {
      json.putNull("penalties");
    }
    return json;
  }

  /** The contract record of {@code event}'s data. */
  public static EventData toRecord(InvoiceFacts facts, Extras extras, DunningEvent event) {
    return record(new Context(facts, extras), event);
  }

  /** What the mapping reads besides the event: the invoice's facts and the reminder's extras. */
  private record Context(InvoiceFacts facts, Extras extras) {
    UUID invoiceId() {
      return facts.invoiceId();
    }

    String currency() {
      return facts.amount().currencyCode();
    }
  }

  private static EventData record(Context x, DunningEvent event) {
    if (event instanceof DunningEvent.PlanAssigned a) {
      return new DunningPlanAssigned(
          x.invoiceId(),
          a.planId(),
          a.planVersion(),
          a.rule(),
          a.reason(),
          a.day(),
          a.actor(),
          a.previousPlanId(),
          a.previousPlanVersion());
    } else if (event instanceof DunningEvent.ReminderRequested r) {
      return reminder(x, r);
    } else if (event instanceof DunningEvent.CallTaskOpened t) {
      return callTask(x, t);
    } else if (event instanceof DunningEvent.CallOutcomeRecorded o) {
      return new CallOutcomeRecorded(
          x.invoiceId(),
          o.taskId(),
          CallOutcomeRecorded.Outcome.valueOf(o.outcome().name()),
          o.day(),
          o.actor(),
          o.note(),
          o.promisedDate(),
          o.promiseId() == null ? null : o.promiseId().toString());
    } else if (event instanceof DunningEvent.StepsSkipped s) {
      return new DunningStepSkipped(x.invoiceId(), s.steps(), s.day(), s.reason());
    } else if (event instanceof DunningEvent.PromiseRecorded p) {
      return new PromiseToPayRecorded(
          x.invoiceId(),
          p.promiseId(),
          p.promisedDate(),
          p.amount().toPlainString(),
          x.currency(),
          p.day(),
          p.actor(),
          p.note(),
          p.taskId() == null ? null : p.taskId().toString(),
          p.outstandingAtPromise().toPlainString());
    } else if (event instanceof DunningEvent.PromiseKept p) {
      return new PromiseToPayKept(x.invoiceId(), p.promiseId(), p.day());
    } else if (event instanceof DunningEvent.PromiseBroken p) {
      return new PromiseToPayBroken(
          x.invoiceId(),
          p.promiseId(),
          p.promisedDate(),
          p.day(),
          p.outstanding().toPlainString(),
          x.currency());
    } else if (event instanceof DunningEvent.PaymentPlanAgreed p) {
      return new PaymentPlanAgreed(
          x.invoiceId(),
          p.paymentPlanId(),
          p.instalments().stream()
              .map(i -> new PaymentPlanAgreed.Instalment(i.dueDate(), i.amount().toPlainString()))
              .toList(),
          x.currency(),
          p.day(),
          p.actor(),
          p.note());
    } else if (event instanceof DunningEvent.PaymentPlanDefaulted p) {
      return new PaymentPlanDefaulted(
          x.invoiceId(),
          p.paymentPlanId(),
          p.instalmentDueDate(),
          p.expectedPaid().toPlainString(),
          p.paid().toPlainString(),
          p.outstanding().toPlainString(),
          x.currency(),
          p.day());
    } else if (event instanceof DunningEvent.Paused p) {
      return new DunningPaused(
          x.invoiceId(), p.pauseId(), p.until(), p.reason(), p.day(), p.actor());
    } else if (event instanceof DunningEvent.Resumed p) {
      return new DunningResumed(x.invoiceId(), p.pauseId(), p.day(), p.actor(), p.reason());
    } else if (event instanceof DunningEvent.CaseEscalated e) {
      return escalated(x, e);
    }
    throw new IllegalArgumentException("unknown dunning event " + event);
  }

  private static ReminderRequested reminder(Context x, DunningEvent.ReminderRequested r) {
    InvoiceFacts facts = x.facts();
    Extras extras = x.extras();
    return new ReminderRequested(
        r.requestId(),
        facts.invoiceId(),
        facts.invoiceNumber(),
        reminderDebtor(extras.invoice().debtor(), facts.debtor()),
        r.step().name(),
        r.step().offsetDays(),
        channel(r.step().channel()),
        r.step().template(),
        tone(r.step().tone()),
        facts.debtor().language(),
        r.recipient(),
        facts.dueDate(),
        facts.issueDate(),
        r.daysLate(),
        x.currency(),
        facts.amount().amount(),
        r.amountDue().amount(),
        r.responseDeadline(),
        penalties(AssessedPenalties.quotedIn(r, extras.penalties())),
        r.planId(),
        r.planVersion(),
        extras.batch() == null
            ? null
            : new ReminderRequested.Batch(extras.batch().batchId(), extras.batch().invoices()),
        extras.sendWindow(),
        extras.requestedBy());
  }

  private static CallTaskOpened callTask(Context x, DunningEvent.CallTaskOpened t) {
    InvoiceFacts facts = x.facts();
    Debtor source = x.extras().invoice().debtor();
    return new CallTaskOpened(
        x.invoiceId(),
        facts.invoiceNumber(),
        t.taskId(),
        t.step().name(),
        t.attempt(),
        t.day(),
        // what a collector needs to call: the debtor's phone and its contacts
        new CallTaskOpened.Debtor(
            source.id(),
            source.name(),
            source.phone(),
            source.email(),
            source.contacts() == null ? List.of() : source.contacts()),
        null,
        t.amountDue().toPlainString(),
        x.currency(),
        facts.dueDate(),
        t.daysLate(),
        t.planId(),
        t.planVersion());
  }

  private static CaseEscalated escalated(Context x, DunningEvent.CaseEscalated e) {
    InvoiceFacts facts = x.facts();
    AssessedPenalties penalties = x.extras().penalties();
    return new CaseEscalated(
        facts.invoiceId(),
        facts.invoiceNumber(),
        reminderDebtor(x.extras().invoice().debtor(), facts.debtor()),
        e.escalatedOn(),
        facts.dueDate(),
        x.currency(),
        facts.amount().amount(),
        e.principalOutstanding().amount(),
        e.reason(),
        e.formalNotice()
            .map(
                n ->
                    new CaseEscalated.FormalNotice(
                        n.requestedOn(), n.responseDeadline(), n.requestId()))
            .orElse(null),
        e.stepsTaken().stream()
            .map(
                r ->
                    new CaseEscalated.StepsTaken(
                        r.step().name(),
                        channel(r.step().channel()),
                        r.requestedOn(),
                        r.requestId()))
            .toList(),
        penalties(penalties),
        AssessedPenalties.totalDue(e.principalOutstanding(), penalties),
        lastPlanStep(e).map(DunningEvent.ReminderRequested::planId).orElse(null),
        lastPlanStep(e).map(DunningEvent.ReminderRequested::planVersion).orElse(null));
  }

  /** The last step, when its plan is known (a case file read back without one names none). */
  private static java.util.Optional<DunningEvent.ReminderRequested> lastPlanStep(
      DunningEvent.CaseEscalated e) {
    return e.lastStep().filter(r -> r.planId() != null);
  }

  /** What a reminder needs of the debtor: how to address it, by email or by post. */
  private static Debtor reminderDebtor(Debtor source, InvoiceFacts.Debtor d) {
    return new Debtor(
        d.id(),
        d.name(),
        source == null ? null : source.legalId(),
        d.email(),
        source == null ? null : source.phone(),
        d.language(),
        source == null ? null : source.address(),
        null,
        null);
  }

  private static Penalties penalties(AssessedPenalties p) {
    return p == null
        ? null
        : new Penalties(p.asOf(), p.interest(), p.indemnity(), p.total(), p.assessmentId());
  }

  private static org.relance.contracts.events.Channel channel(Channel channel) {
    return org.relance.contracts.events.Channel.valueOf(channel.name());
  }

  private static org.relance.contracts.events.Tone tone(Tone tone) {
    return org.relance.contracts.events.Tone.valueOf(tone.name());
  }

  // ---------------------------------------------------------------- other streams

  /** A debtor's stream and Kafka key: tenants may share debtor ids, never a stream. */
  public static String debtorStream(String tenant, String debtorId) {
    return tenant + "/" + debtorId;
  }

  /** The data of a {@code CreditHoldPlaced} ({@code place}) or {@code CreditHoldLifted}. */
  public static ObjectNode creditHold(
      String tenant, DebtorExposure exposure, List<String> reasons, boolean place, LocalDate day) {
    return EventCodec.write(creditHoldRecord(tenant, exposure, reasons, place, day));
  }

  /** The record of a {@code CreditHoldPlaced} ({@code place}) or {@code CreditHoldLifted}. */
  public static EventData creditHoldRecord(
      String tenant, DebtorExposure exposure, List<String> reasons, boolean place, LocalDate day) {
    List<Overdue> overdue = new ArrayList<>();
    exposure
        .overdue()
        .forEach((currency, amount) -> overdue.add(new Overdue(currency, amount.toPlainString())));
    return place
        ? new CreditHoldPlaced(
            tenant,
            exposure.debtorId(),
            exposure.debtorName(),
            reasons,
            overdue,
            exposure.oldestDaysLate(),
            exposure.escalated(),
            day)
        : new CreditHoldLifted(
            tenant,
            exposure.debtorId(),
            exposure.debtorName(),
            reasons,
            overdue,
            exposure.oldestDaysLate(),
            exposure.escalated(),
            day);
  }

  /** The line of a batch that stands for one invoice's request. */
  public static ReminderRequested.Batch.Invoice batchLine(
      InvoiceFacts facts, DunningEvent.ReminderRequested r) {
    return new ReminderRequested.Batch.Invoice(
        facts.invoiceId(),
        facts.invoiceNumber(),
        r.requestId(),
        facts.dueDate(),
        r.daysLate(),
        facts.amount().toPlainString(),
        r.amountDue().toPlainString());
  }

  // ---------------------------------------------------------------- reading back

  /** Reads back an event of the invoice's stream. */
  public static DunningEvent fromCloudEvent(CloudEvent event) {
    EventData data = EventCodec.read(event);
    // an erased subject's notes and reasons read "erased"; a recipient stays null (nothing to use)
    boolean erased = erased(event);
    if (data instanceof DunningPlanAssigned a) {
      return new DunningEvent.PlanAssigned(
          a.planId(),
          a.planVersion(),
          a.rule(),
          a.reason(),
          a.assignedOn(),
          a.actor(),
          a.previousPlanId(),
          a.previousPlanVersion());
    } else if (data instanceof ReminderRequested r) {
      // the contract has no date of request: it is the business date the event belongs to
      return reminder(r, LocalDate.parse(event.businessdate()));
    } else if (data instanceof CallTaskOpened t) {
      return new DunningEvent.CallTaskOpened(
          t.taskId(),
          // the contract names the step only; a call step is a phone task by definition, the rest
          // of the plan's step is not carried (see the report of issue 12)
          new Step(t.step(), 0, Channel.PHONE_TASK, "call-script", Tone.FIRM, 0),
          t.attempt(),
          t.openedOn(),
          t.daysLate() == null ? 0 : t.daysLate(),
          money(t.amountDue(), t.currency()),
          t.planId(),
          t.planVersion() == null ? 0 : t.planVersion());
    } else if (data instanceof CallOutcomeRecorded o) {
      return new DunningEvent.CallOutcomeRecorded(
          o.taskId(),
          CallOutcome.valueOf(o.outcome().name()),
          o.recordedOn(),
          o.actor(),
          text(o.note(), erased),
          o.promisedDate(),
          o.promiseId() == null ? null : UUID.fromString(o.promiseId()));
    } else if (data instanceof DunningStepSkipped s) {
      return new DunningEvent.StepsSkipped(s.steps(), s.skippedOn(), s.reason());
    } else if (data instanceof PromiseToPayRecorded p) {
      return new DunningEvent.PromiseRecorded(
          p.promiseId(),
          p.promisedDate(),
          money(p.amount(), p.currency()),
          // promises recorded before the field existed were made on the whole amount promised
          money(
              p.outstandingAtPromise() == null ? p.amount() : p.outstandingAtPromise(),
              p.currency()),
          p.recordedOn(),
          p.actor(),
          text(p.note(), erased),
          p.taskId() == null ? null : UUID.fromString(p.taskId()));
    } else if (data instanceof PromiseToPayKept p) {
      return new DunningEvent.PromiseKept(p.promiseId(), p.keptOn());
    } else if (data instanceof PromiseToPayBroken p) {
      return new DunningEvent.PromiseBroken(
          p.promiseId(), p.promisedDate(), p.brokenOn(), money(p.outstanding(), p.currency()));
    } else if (data instanceof PaymentPlanAgreed p) {
      return new DunningEvent.PaymentPlanAgreed(
          p.paymentPlanId(),
          p.instalments().stream()
              .map(i -> new DunningEvent.Instalment(i.dueDate(), money(i.amount(), p.currency())))
              .toList(),
          p.agreedOn(),
          p.actor(),
          text(p.note(), erased));
    } else if (data instanceof PaymentPlanDefaulted p) {
      return new DunningEvent.PaymentPlanDefaulted(
          p.paymentPlanId(),
          p.instalmentDueDate(),
          money(p.expectedPaid(), p.currency()),
          money(p.paid(), p.currency()),
          money(p.outstanding(), p.currency()),
          p.defaultedOn());
    } else if (data instanceof DunningPaused p) {
      return new DunningEvent.Paused(
          p.pauseId(), p.until(), text(p.reason(), erased), p.pausedOn(), p.actor());
    } else if (data instanceof DunningResumed p) {
      return new DunningEvent.Resumed(
          p.pauseId(), p.resumedOn(), p.actor(), text(p.reason(), erased));
    } else if (data instanceof CaseEscalated e) {
      return escalatedFrom(e);
    }
    throw new IllegalArgumentException("not an invoice dunning event: " + event.type());
  }

  private static DunningEvent.ReminderRequested reminder(ReminderRequested r, LocalDate day) {
    // a formal notice's deadline is its date plus the step's response days
    int responseDays =
        r.responseDeadline() == null ? 0 : (int) ChronoUnit.DAYS.between(day, r.responseDeadline());
    Step step =
        new Step(
            r.step(),
            r.stepOffsetDays(),
            Channel.valueOf(r.channel().name()),
            r.template(),
            Tone.valueOf(r.tone().name()),
            responseDays);
    return new DunningEvent.ReminderRequested(
        r.requestId(),
        step,
        r.recipient(),
        day,
        r.daysLate(),
        new Money(r.amountDue(), Currency.getInstance(r.currency())),
        r.responseDeadline(),
        r.planId(),
        r.planVersion());
  }

  private static DunningEvent.CaseEscalated escalatedFrom(CaseEscalated e) {
    Currency currency = Currency.getInstance(e.currency());
    UUID noticeId = e.formalNotice() == null ? null : e.formalNotice().requestId();
    List<DunningEvent.ReminderRequested> steps = new ArrayList<>();
    for (CaseEscalated.StepsTaken s : e.stepsTaken()) {
      boolean notice = s.requestId().equals(noticeId);
      // the case file lists each step by name, channel, date and request id; the rest of the
      // request is in the request's own event (see the report of issue 12)
      steps.add(
          new DunningEvent.ReminderRequested(
              s.requestId(),
              new Step(
                  s.step(),
                  0,
                  Channel.valueOf(s.channel().name()),
                  "",
                  notice ? Tone.FORMAL_NOTICE : Tone.COURTEOUS,
                  0),
              null,
              s.requestedOn(),
              0,
              Money.zero(currency),
              notice ? e.formalNotice().deadline() : null,
              e.planId(),
              e.planVersion() == null ? 0 : e.planVersion()));
    }
    return new DunningEvent.CaseEscalated(
        e.escalatedOn(), new Money(e.principalOutstanding(), currency), e.reason(), steps);
  }

  private static Money money(String amount, String currency) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currency));
  }
}
