package org.relance.dunning.cases.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.contracts.money.Money;
import org.relance.dunning.cases.domain.CallOutcome;
import org.relance.dunning.cases.domain.Delivery;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.domain.InvoiceFacts;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Version 1 of the codec, hand-written JSON, kept only as the reference the typed codec must match
 * byte for byte (DunningCodecTest); delete it once issue 12 is merged.
 */
final class LegacyDunningCodec {

  private LegacyDunningCodec() {}

  /** One message per debtor: the invoices of a debtor at one step on one day. */
  public record Batch(UUID batchId, List<ObjectNode> invoices) {}

  /**
   * What a reminder's data carries besides the decision itself.
   *
   * @param requestedBy the operator who asked for a retry, null for the plan's own steps
   */
  public record Extras(
      JsonNode invoice, JsonNode penalty, Batch batch, JsonNode sendWindow, String requestedBy) {

    public Extras(JsonNode invoice, JsonNode penalty, Batch batch, JsonNode sendWindow) {
      this(invoice, penalty, batch, sendWindow, null);
    }
  }

  public static InvoiceFacts facts(
      JsonNode invoice, BigDecimal paidDownTo, JsonNode penalty, JsonNode disputes) {
    Currency currency = Currency.getInstance(invoice.get("currency").asText());
    Money amount = new Money(new BigDecimal(invoice.get("amount").asText()), currency);
    JsonNode d = invoice.get("debtor");
    List<String> contactEmails = new ArrayList<>();
    d.path("contacts")
        .forEach(
            c -> {
              if (c.hasNonNull("email")) {
                contactEmails.add(c.get("email").asText());
              }
            });
    List<String> segments = new ArrayList<>();
    d.path("segments").forEach(s -> segments.add(s.asText()));
    List<InvoiceFacts.Dispute> disputeList = new ArrayList<>();
    if (disputes != null) {
      disputes.forEach(
          x -> {
            // a resolution consumed before its opening (two topics, any order) waits for it
            if (!x.hasNonNull("openedOn")) {
              return;
            }
            disputeList.add(
                new InvoiceFacts.Dispute(
                    UUID.fromString(x.get("disputeId").asText()),
                    x.path("category").asText("OTHER"),
                    LocalDate.parse(x.get("openedOn").asText()),
                    x.hasNonNull("resolvedOn")
                        ? LocalDate.parse(x.get("resolvedOn").asText())
                        : null,
                    x.hasNonNull("outcome") ? x.get("outcome").asText() : null));
          });
    }
    Money penaltiesDue =
        penalty != null && penalty.hasNonNull("total")
            ? new Money(new BigDecimal(penalty.get("total").asText()), currency)
            : Money.zero(currency);
    return new InvoiceFacts(
        UUID.fromString(invoice.get("invoiceId").asText()),
        invoice.get("tenant").asText(),
        invoice.get("invoiceNumber").asText(),
        new InvoiceFacts.Debtor(
            d.get("id").asText(),
            d.get("name").asText(),
            d.hasNonNull("email") ? d.get("email").asText() : null,
            d.hasNonNull("language") ? d.get("language").asText() : "fr",
            contactEmails,
            segments),
        LocalDate.parse(invoice.get("issueDate").asText()),
        LocalDate.parse(invoice.get("dueDate").asText()),
        amount,
        paidDownTo == null ? amount : new Money(paidDownTo, currency),
        penaltiesDue,
        disputeList);
  }

  /** The outcome of each reminder request, from dunning_cases.deliveries. */
  public static Map<UUID, Delivery> deliveries(JsonNode deliveries) {
    Map<UUID, Delivery> map = new HashMap<>();
    if (deliveries != null) {
      deliveries
          .fields()
          .forEachRemaining(
              e ->
                  map.put(
                      UUID.fromString(e.getKey()),
                      "ReminderSent".equals(e.getValue().path("type").asText())
                          ? Delivery.SENT
                          : Delivery.FAILED));
    }
    return map;
  }

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

  /**
   * Ids derive from what the event is about, so a decision made twice (a retry, a second instance,
   * a replay) collides with the first instead of being recorded again.
   */
  public static UUID eventId(UUID invoiceId, DunningEvent event) {
    String key;
    if (event instanceof DunningEvent.PlanAssigned a) {
      key =
          "DunningPlanAssigned|"
              + invoiceId
              + "|"
              + a.planId()
              + "|"
              + a.planVersion()
              + "|"
              + a.day();
    } else if (event instanceof DunningEvent.ReminderRequested r) {
      // the plan's own request of a step; a retry after a failure has a request id of its own
      key =
          r.requestId()
                  .equals(
                      org.relance.dunning.cases.domain.DunningDecider.requestId(
                          invoiceId, r.step()))
              ? "ReminderRequested|" + invoiceId + "|" + r.step().name()
              : "ReminderRequested|" + r.requestId();
    } else if (event instanceof DunningEvent.CallTaskOpened t) {
      key = "CallTaskOpened|" + t.taskId();
    } else if (event instanceof DunningEvent.CallOutcomeRecorded o) {
      key = "CallOutcomeRecorded|" + o.taskId();
    } else if (event instanceof DunningEvent.StepsSkipped s) {
      key = "DunningStepSkipped|" + invoiceId + "|" + String.join(",", s.steps());
    } else if (event instanceof DunningEvent.PromiseRecorded p) {
      key = "PromiseToPayRecorded|" + p.promiseId();
    } else if (event instanceof DunningEvent.PromiseKept p) {
      key = "PromiseToPayKept|" + p.promiseId();
    } else if (event instanceof DunningEvent.PromiseBroken p) {
      key = "PromiseToPayBroken|" + p.promiseId();
    } else if (event instanceof DunningEvent.PaymentPlanAgreed p) {
      key = "PaymentPlanAgreed|" + p.paymentPlanId();
    } else if (event instanceof DunningEvent.PaymentPlanDefaulted p) {
      key = "PaymentPlanDefaulted|" + p.paymentPlanId();
    } else if (event instanceof DunningEvent.Paused p) {
      key = "DunningPaused|" + p.pauseId();
    } else if (event instanceof DunningEvent.Resumed p) {
      key = "DunningResumed|" + p.pauseId();
    } else {
      key = "CaseEscalated|" + invoiceId;
    }
    return PendingEvent.deterministicId(key);
  }

  public static ObjectNode toData(InvoiceFacts facts, Extras extras, DunningEvent event) {
    ObjectNode data = Json.object();
    String invoiceId = facts.invoiceId().toString();
    String currency = facts.amount().currencyCode();
    if (event instanceof DunningEvent.PlanAssigned a) {
      data.put("invoiceId", invoiceId);
      data.put("planId", a.planId());
      data.put("planVersion", a.planVersion());
      data.put("rule", a.rule());
      data.put("reason", a.reason());
      data.put("assignedOn", a.day().toString());
      data.put("actor", a.actor());
      putNullable(data, "previousPlanId", a.previousPlanId());
      if (a.previousPlanVersion() == null) {
        data.putNull("previousPlanVersion");
      } else {
        data.put("previousPlanVersion", a.previousPlanVersion());
      }
    } else if (event instanceof DunningEvent.ReminderRequested r) {
      reminder(data, facts, extras, r);
    } else if (event instanceof DunningEvent.CallTaskOpened t) {
      data.put("invoiceId", invoiceId);
      data.put("invoiceNumber", facts.invoiceNumber());
      data.put("taskId", t.taskId().toString());
      data.put("step", t.step().name());
      data.put("attempt", t.attempt());
      data.put("openedOn", t.day().toString());
      data.set("debtor", callDebtor(extras.invoice().get("debtor")));
      data.putNull("collector");
      data.put("amountDue", t.amountDue().toPlainString());
      data.put("currency", currency);
      data.put("dueDate", facts.dueDate().toString());
      data.put("daysLate", t.daysLate());
      data.put("planId", t.planId());
      data.put("planVersion", t.planVersion());
    } else if (event instanceof DunningEvent.CallOutcomeRecorded o) {
      data.put("invoiceId", invoiceId);
      data.put("taskId", o.taskId().toString());
      data.put("outcome", o.outcome().name());
      data.put("recordedOn", o.day().toString());
      data.put("actor", o.actor());
      putNullable(data, "note", o.note());
      putNullable(data, "promisedDate", o.promisedDate());
      putNullable(data, "promiseId", o.promiseId());
    } else if (event instanceof DunningEvent.StepsSkipped s) {
      data.put("invoiceId", invoiceId);
      ArrayNode steps = data.putArray("steps");
      s.steps().forEach(steps::add);
      data.put("skippedOn", s.day().toString());
      data.put("reason", s.reason());
    } else if (event instanceof DunningEvent.PromiseRecorded p) {
      data.put("invoiceId", invoiceId);
      data.put("promiseId", p.promiseId().toString());
      data.put("promisedDate", p.promisedDate().toString());
      data.put("amount", p.amount().toPlainString());
      data.put("currency", currency);
      data.put("recordedOn", p.day().toString());
      data.put("actor", p.actor());
      putNullable(data, "note", p.note());
      putNullable(data, "taskId", p.taskId());
      data.put("outstandingAtPromise", p.outstandingAtPromise().toPlainString());
    } else if (event instanceof DunningEvent.PromiseKept p) {
      data.put("invoiceId", invoiceId);
      data.put("promiseId", p.promiseId().toString());
      data.put("keptOn", p.day().toString());
    } else if (event instanceof DunningEvent.PromiseBroken p) {
      data.put("invoiceId", invoiceId);
      data.put("promiseId", p.promiseId().toString());
      data.put("promisedDate", p.promisedDate().toString());
      data.put("brokenOn", p.day().toString());
      data.put("outstanding", p.outstanding().toPlainString());
      data.put("currency", currency);
    } else if (event instanceof DunningEvent.PaymentPlanAgreed p) {
      data.put("invoiceId", invoiceId);
      data.put("paymentPlanId", p.paymentPlanId().toString());
      ArrayNode list = data.putArray("instalments");
      p.instalments()
          .forEach(
              i ->
                  list.addObject()
                      .put("dueDate", i.dueDate().toString())
                      .put("amount", i.amount().toPlainString()));
      data.put("currency", currency);
      data.put("agreedOn", p.day().toString());
      data.put("actor", p.actor());
      putNullable(data, "note", p.note());
    } else if (event instanceof DunningEvent.PaymentPlanDefaulted p) {
      data.put("invoiceId", invoiceId);
      data.put("paymentPlanId", p.paymentPlanId().toString());
      data.put("instalmentDueDate", p.instalmentDueDate().toString());
      data.put("expectedPaid", p.expectedPaid().toPlainString());
      data.put("paid", p.paid().toPlainString());
      data.put("outstanding", p.outstanding().toPlainString());
      data.put("currency", currency);
      data.put("defaultedOn", p.day().toString());
    } else if (event instanceof DunningEvent.Paused p) {
      data.put("invoiceId", invoiceId);
      data.put("pauseId", p.pauseId().toString());
      data.put("until", p.until().toString());
      data.put("reason", p.reason());
      data.put("pausedOn", p.day().toString());
      data.put("actor", p.actor());
    } else if (event instanceof DunningEvent.Resumed p) {
      data.put("invoiceId", invoiceId);
      data.put("pauseId", p.pauseId().toString());
      data.put("resumedOn", p.day().toString());
      data.put("actor", p.actor());
      putNullable(data, "reason", p.reason());
    } else if (event instanceof DunningEvent.CaseEscalated e) {
      escalated(data, facts, extras, e);
    }
    return data;
  }

  private static void reminder(
      ObjectNode data, InvoiceFacts facts, Extras extras, DunningEvent.ReminderRequested r) {
    data.put("requestId", r.requestId().toString());
    data.put("invoiceId", facts.invoiceId().toString());
    data.put("invoiceNumber", facts.invoiceNumber());
    data.set("debtor", reminderDebtor(extras.invoice().get("debtor"), facts.debtor()));
    data.put("step", r.step().name());
    data.put("stepOffsetDays", r.step().offsetDays());
    data.put("channel", r.step().channel().name());
    data.put("template", r.step().template());
    data.put("tone", r.step().tone().name());
    data.put("language", facts.debtor().language());
    putNullable(data, "recipient", r.recipient());
    data.put("dueDate", facts.dueDate().toString());
    data.put("issueDate", facts.issueDate().toString());
    data.put("daysLate", r.daysLate());
    data.put("currency", facts.amount().currencyCode());
    data.put("invoiceAmount", facts.amount().toPlainString());
    data.put("amountDue", r.amountDue().toPlainString());
    putNullable(data, "responseDeadline", r.responseDeadline());
    JsonNode penalty = extras.penalty();
    if (penalty == null || !r.step().isFormalNotice()) {
      data.putNull("penalties");
    } else {
      data.set("penalties", penalties(penalty));
    }
    data.put("planId", r.planId());
    data.put("planVersion", r.planVersion());
    if (extras.batch() == null) {
      data.putNull("batch");
    } else {
      ObjectNode batch = data.putObject("batch");
      batch.put("batchId", extras.batch().batchId().toString());
      ArrayNode list = batch.putArray("invoices");
      extras.batch().invoices().forEach(list::add);
    }
    if (extras.sendWindow() == null) {
      data.putNull("sendWindow");
    } else {
      data.set("sendWindow", extras.sendWindow());
    }
    if (extras.requestedBy() != null) {
      data.put("requestedBy", extras.requestedBy());
    }
  }

  /** A debtor's stream and Kafka key: tenants may share debtor ids, never a stream. */
  public static String debtorStream(String tenant, String debtorId) {
    return tenant + "/" + debtorId;
  }

  /** The data of a {@code CreditHoldPlaced} ({@code place}) or {@code CreditHoldLifted}. */
  public static ObjectNode creditHold(
      String tenant,
      org.relance.dunning.credit.domain.DebtorExposure exposure,
      List<String> reasons,
      boolean place,
      LocalDate day) {
    ObjectNode data = Json.object();
    data.put("tenant", tenant);
    data.put("debtorId", exposure.debtorId());
    data.put("debtorName", exposure.debtorName());
    data.put(place ? "placedOn" : "liftedOn", day.toString());
    ArrayNode r = data.putArray("reasons");
    reasons.forEach(r::add);
    ArrayNode o = data.putArray("overdue");
    exposure
        .overdue()
        .forEach(
            (cur, amount) ->
                o.addObject().put("currency", cur).put("amount", amount.toPlainString()));
    data.put("oldestDaysLate", exposure.oldestDaysLate());
    data.put("escalatedInvoices", exposure.escalated());
    return data;
  }

  /** The line of a batch that stands for one invoice's request. */
  public static ObjectNode batchLine(InvoiceFacts facts, DunningEvent.ReminderRequested r) {
    return Json.object()
        .put("invoiceId", facts.invoiceId().toString())
        .put("invoiceNumber", facts.invoiceNumber())
        .put("requestId", r.requestId().toString())
        .put("dueDate", facts.dueDate().toString())
        .put("daysLate", r.daysLate())
        .put("invoiceAmount", facts.amount().toPlainString())
        .put("amountDue", r.amountDue().toPlainString());
  }

  private static ObjectNode penalties(JsonNode penalty) {
    ObjectNode p = Json.object();
    p.put("asOf", penalty.get("asOf").asText());
    p.put("interest", penalty.get("interest").asText());
    p.put("indemnity", penalty.get("indemnity").asText());
    p.put("total", penalty.get("total").asText());
    p.put("penaltyEventId", penalty.get("eventId").asText());
    return p;
  }

  private static void escalated(
      ObjectNode data, InvoiceFacts facts, Extras extras, DunningEvent.CaseEscalated e) {
    data.put("invoiceId", facts.invoiceId().toString());
    data.put("invoiceNumber", facts.invoiceNumber());
    data.set("debtor", reminderDebtor(extras.invoice().get("debtor"), facts.debtor()));
    data.put("escalatedOn", e.escalatedOn().toString());
    data.put("dueDate", facts.dueDate().toString());
    data.put("currency", facts.amount().currencyCode());
    data.put("invoiceAmount", facts.amount().toPlainString());
    data.put("principalOutstanding", e.principalOutstanding().toPlainString());
    data.put("reason", e.reason());
    e.stepsTaken().stream()
        .filter(r -> r.step().isFormalNotice())
        .reduce((a, b) -> b)
        .ifPresent(
            n -> {
              ObjectNode notice = data.putObject("formalNotice");
              notice.put("requestedOn", n.requestedOn().toString());
              notice.put("deadline", n.responseDeadline().toString());
              notice.put("requestId", n.requestId().toString());
            });
    ArrayNode steps = data.putArray("stepsTaken");
    for (DunningEvent.ReminderRequested r : e.stepsTaken()) {
      steps
          .addObject()
          .put("step", r.step().name())
          .put("channel", r.step().channel().name())
          .put("requestedOn", r.requestedOn().toString())
          .put("requestId", r.requestId().toString());
    }
    JsonNode penalty = extras.penalty();
    if (penalty == null) {
      data.putNull("penalties");
      data.put("totalDue", e.principalOutstanding().toPlainString());
    } else {
      data.set("penalties", penalties(penalty));
      data.put(
          "totalDue",
          e.principalOutstanding()
              .amount()
              .add(new BigDecimal(penalty.get("total").asText()))
              .toPlainString());
    }
    if (!e.stepsTaken().isEmpty()) {
      data.put("planId", e.stepsTaken().get(e.stepsTaken().size() - 1).planId());
      data.put("planVersion", e.stepsTaken().get(e.stepsTaken().size() - 1).planVersion());
    }
  }

  /** What a reminder needs of the debtor: how to address it, by email or by post. */
  private static ObjectNode reminderDebtor(JsonNode source, InvoiceFacts.Debtor d) {
    ObjectNode node = Json.object();
    node.put("id", d.id());
    node.put("name", d.name());
    if (d.email() != null) {
      node.put("email", d.email());
    }
    node.put("language", d.language());
    for (String field : List.of("legalId", "phone", "address")) {
      if (source != null && source.hasNonNull(field)) {
        node.set(field, source.get(field));
      }
    }
    return node;
  }

  /** What a collector needs to call: the debtor's phone and its contacts. */
  private static ObjectNode callDebtor(JsonNode source) {
    ObjectNode node = Json.object();
    node.put("id", source.get("id").asText());
    node.put("name", source.get("name").asText());
    node.set("phone", source.hasNonNull("phone") ? source.get("phone") : null);
    node.set("email", source.hasNonNull("email") ? source.get("email") : null);
    if (!node.hasNonNull("phone")) {
      node.putNull("phone");
    }
    if (!node.hasNonNull("email")) {
      node.putNull("email");
    }
    ArrayNode contacts = node.putArray("contacts");
    source.path("contacts").forEach(contacts::add);
    return node;
  }

  private static void putNullable(ObjectNode data, String field, Object value) {
    if (value == null) {
      data.putNull(field);
    } else {
      data.put(field, value.toString());
    }
  }

  /** Reads back an event of the invoice's stream. */
  public static DunningEvent fromCloudEvent(CloudEvent event) {
    JsonNode d = event.data();
    EventType type = event.eventType();
    Currency currency =
        d.hasNonNull("currency") ? Currency.getInstance(d.get("currency").asText()) : null;
    switch (type) {
      case DUNNING_PLAN_ASSIGNED:
        return new DunningEvent.PlanAssigned(
            d.get("planId").asText(),
            d.get("planVersion").asInt(),
            d.get("rule").asText(),
            d.get("reason").asText(),
            date(d, "assignedOn"),
            d.get("actor").asText(),
            text(d, "previousPlanId"),
            d.hasNonNull("previousPlanVersion") ? d.get("previousPlanVersion").asInt() : null);
      case REMINDER_REQUESTED:
        return reminder(d);
      case CALL_TASK_OPENED:
        return new DunningEvent.CallTaskOpened(
            UUID.fromString(d.get("taskId").asText()),
            new Step(d.get("step").asText(), 0, Channel.PHONE_TASK, "call-script", Tone.FIRM, 0),
            d.get("attempt").asInt(),
            date(d, "openedOn"),
            d.path("daysLate").asInt(),
            money(d, "amountDue", currency),
            d.path("planId").asText(""),
            d.path("planVersion").asInt(0));
      case CALL_OUTCOME_RECORDED:
        return new DunningEvent.CallOutcomeRecorded(
            UUID.fromString(d.get("taskId").asText()),
            CallOutcome.valueOf(d.get("outcome").asText()),
            date(d, "recordedOn"),
            d.get("actor").asText(),
            text(d, "note"),
            d.hasNonNull("promisedDate") ? date(d, "promisedDate") : null,
            d.hasNonNull("promiseId") ? UUID.fromString(d.get("promiseId").asText()) : null);
      case DUNNING_STEP_SKIPPED:
        {
          List<String> steps = new ArrayList<>();
          d.get("steps").forEach(s -> steps.add(s.asText()));
          return new DunningEvent.StepsSkipped(
              steps, date(d, "skippedOn"), d.get("reason").asText());
        }
      case PROMISE_TO_PAY_RECORDED:
        return new DunningEvent.PromiseRecorded(
            UUID.fromString(d.get("promiseId").asText()),
            date(d, "promisedDate"),
            money(d, "amount", currency),
            d.hasNonNull("outstandingAtPromise")
                ? money(d, "outstandingAtPromise", currency)
                : money(d, "amount", currency),
            date(d, "recordedOn"),
            d.get("actor").asText(),
            text(d, "note"),
            d.hasNonNull("taskId") ? UUID.fromString(d.get("taskId").asText()) : null);
      case PROMISE_TO_PAY_KEPT:
        return new DunningEvent.PromiseKept(
            UUID.fromString(d.get("promiseId").asText()), date(d, "keptOn"));
      case PROMISE_TO_PAY_BROKEN:
        return new DunningEvent.PromiseBroken(
            UUID.fromString(d.get("promiseId").asText()),
            date(d, "promisedDate"),
            date(d, "brokenOn"),
            money(d, "outstanding", currency));
      case PAYMENT_PLAN_AGREED:
        {
          List<DunningEvent.Instalment> list = new ArrayList<>();
          Currency cur = currency;
          d.get("instalments")
              .forEach(
                  i ->
                      list.add(
                          new DunningEvent.Instalment(
                              date(i, "dueDate"), money(i, "amount", cur))));
          return new DunningEvent.PaymentPlanAgreed(
              UUID.fromString(d.get("paymentPlanId").asText()),
              list,
              date(d, "agreedOn"),
              d.get("actor").asText(),
              text(d, "note"));
        }
      case PAYMENT_PLAN_DEFAULTED:
        return new DunningEvent.PaymentPlanDefaulted(
            UUID.fromString(d.get("paymentPlanId").asText()),
            date(d, "instalmentDueDate"),
            money(d, "expectedPaid", currency),
            money(d, "paid", currency),
            money(d, "outstanding", currency),
            date(d, "defaultedOn"));
      case DUNNING_PAUSED:
        return new DunningEvent.Paused(
            UUID.fromString(d.get("pauseId").asText()),
            date(d, "until"),
            d.get("reason").asText(),
            date(d, "pausedOn"),
            d.get("actor").asText());
      case DUNNING_RESUMED:
        return new DunningEvent.Resumed(
            UUID.fromString(d.get("pauseId").asText()),
            date(d, "resumedOn"),
            d.get("actor").asText(),
            text(d, "reason"));
      case CASE_ESCALATED:
        return escalatedFrom(d, currency);
      default:
        throw new IllegalArgumentException("not an invoice dunning event: " + event.type());
    }
  }

  private static DunningEvent.CaseEscalated escalatedFrom(JsonNode d, Currency currency) {
    List<DunningEvent.ReminderRequested> steps = new ArrayList<>();
    d.get("stepsTaken")
        .forEach(
            s ->
                steps.add(
                    new DunningEvent.ReminderRequested(
                        UUID.fromString(s.get("requestId").asText()),
                        new Step(
                            s.get("step").asText(),
                            0,
                            Channel.valueOf(s.get("channel").asText()),
                            "",
                            Tone.COURTEOUS,
                            0),
                        null,
                        LocalDate.parse(s.get("requestedOn").asText()),
                        0,
                        Money.zero(currency),
                        null,
                        d.path("planId").asText(""),
                        d.path("planVersion").asInt(0))));
    return new DunningEvent.CaseEscalated(
        date(d, "escalatedOn"),
        money(d, "principalOutstanding", currency),
        d.get("reason").asText(),
        steps);
  }

  private static DunningEvent.ReminderRequested reminder(JsonNode d) {
    LocalDate requestedOn = date(d, "dueDate").plusDays(d.get("daysLate").asInt());
    LocalDate deadline = d.hasNonNull("responseDeadline") ? date(d, "responseDeadline") : null;
    int responseDays = deadline == null ? 0 : (int) ChronoUnit.DAYS.between(requestedOn, deadline);
    Step step =
        new Step(
            d.get("step").asText(),
            d.get("stepOffsetDays").asInt(),
            Channel.valueOf(d.get("channel").asText()),
            d.get("template").asText(),
            Tone.valueOf(d.get("tone").asText()),
            responseDays);
    return new DunningEvent.ReminderRequested(
        UUID.fromString(d.get("requestId").asText()),
        step,
        text(d, "recipient"),
        requestedOn,
        d.get("daysLate").asInt(),
        money(d, "amountDue", Currency.getInstance(d.get("currency").asText())),
        deadline,
        d.path("planId").asText(""),
        d.path("planVersion").asInt(0));
  }

  private static LocalDate date(JsonNode d, String field) {
    return LocalDate.parse(d.get(field).asText());
  }

  private static String text(JsonNode d, String field) {
    return d.hasNonNull(field) ? d.get(field).asText() : null;
  }

  private static Money money(JsonNode d, String field, Currency currency) {
    return new Money(new BigDecimal(d.get(field).asText()), currency);
  }
}
