package org.relance.dunning.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.Json;
import org.relance.dunning.calendar.Holidays;
import org.relance.dunning.calendar.domain.BusinessCalendar;
import org.relance.dunning.cases.application.Cases;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.Delivery;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningDecider;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.domain.Hold;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.TaskRepository;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;
import org.relance.platform.sql.JsonColumns;

/** Why an invoice is where it is in its plan, and a debtor's standing. */
@Path("/api/v1/dunning")
@Produces(MediaType.APPLICATION_JSON)
public class DunningResource {

  @Inject Caller caller;

  private final Pool pool;
  private final CaseCommands commands;
  private final CaseRepository cases;
  private final PlanRepository plans;
  private final TaskRepository tasks;

  public DunningResource(
      Pool pool,
      CaseCommands commands,
      CaseRepository cases,
      PlanRepository plans,
      TaskRepository tasks) {
    this.pool = pool;
    this.commands = commands;
    this.cases = cases;
    this.plans = plans;
    this.tasks = tasks;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary =
          "An invoice's dunning: its plan and why it was chosen, each step (taken with its proof,"
              + " skipped, or scheduled), what holds it (dispute, promise, payment plan, pause),"
              + " the next action and its date, and the history")
  @AuditedRead("dunning-case")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<JsonNode> get(@PathParam("invoiceId") String id) {
    String tenant = caller.tenant();
    UUID invoiceId = AgreementResource.invoice(id);
    return pool.withConnection(
        c ->
            commands
                .loadOwned(c, tenant, invoiceId)
                .flatMap(
                    loaded ->
                        plans
                            .load(c, tenant)
                            .flatMap(
                                tenantPlans ->
                                    cases
                                        .today(c, tenant)
                                        .flatMap(
                                            clock ->
                                                commands
                                                    .today(c, tenant, loaded)
                                                    .map(
                                                        today ->
                                                            view(
                                                                loaded,
                                                                tenantPlans,
                                                                today,
                                                                clock.orElse(null)))))));
  }

  /**
   * @param today the day the view reasons from (dunning's business date, or the invoice's issue
   *     date before dunning's first day)
   * @param clock dunning's business date for the tenant, null before its first day
   */
  private JsonNode view(
      Cases.Loaded loaded, PlanRepository.TenantPlans plans, LocalDate today, LocalDate clock) {
    BusinessCalendar calendar = Holidays.of(commands.countries().of(loaded.facts().tenant()));
    DayContext ctx = new DayContext(calendar, plans, plans.segments(), 0);
    DunningCase c = loaded.dunning();
    var facts = c.facts();
    ArrayNode warnings = Json.object().arrayNode();
    DunningPlan plan;
    try {
      plan = DunningDecider.planOf(c, ctx);
    } catch (IllegalStateException unknown) {
      warnings.add(unknown.getMessage() + ": the invoice is not decided until it is");
      plan = org.relance.dunning.plan.domain.BuiltInPlans.STANDARD_FR;
    }
    JsonNode debtor = loaded.row().invoice().path("debtor");
    boolean letters =
        plan.steps().stream()
            .anyMatch(
                s ->
                    s.channel() == org.relance.dunning.plan.domain.Channel.LETTER
                        || s.channel()
                            == org.relance.dunning.plan.domain.Channel.REGISTERED_LETTER);
    if (letters && !debtor.hasNonNull("address")) {
      warnings.add(
          "the debtor has no postal address: the plan's letters will fail (send them again by"
              + " email with POST …/steps/{step}/retry, or have the ERP send the address)");
    }
    if (!debtor.hasNonNull("email") && facts.debtor().emailRecipient() == null) {
      warnings.add("the debtor has no email address: its emails will fail");
    }
    ObjectNode v = Json.object();
    v.put("invoiceId", facts.invoiceId().toString());
    v.put("tenant", facts.tenant());
    v.put("invoiceNumber", facts.invoiceNumber());
    v.put("debtorId", facts.debtor().id());
    v.put("status", loaded.row().status());
    v.put("businessDate", clock == null ? null : clock.toString());
    v.put("dueDate", facts.dueDate().toString());
    v.put("currency", facts.amount().currencyCode());
    v.put("invoiceAmount", facts.amount().toPlainString());
    v.put("outstanding", facts.outstanding().toPlainString());
    v.put("penaltiesDue", facts.penaltiesDue().toPlainString());

    ObjectNode p = v.putObject("plan");
    p.put("id", plan.id());
    p.put("version", plan.version());
    p.put("name", plan.name());
    c.plan()
        .ifPresent(
            a -> {
              p.put("rule", a.rule());
              p.put("why", a.reason());
              p.put("assignedOn", a.day().toString());
              p.put("assignedBy", a.actor());
            });
    ObjectNode settings = p.putObject("settings");
    settings.put("escalationMinimum", plan.settings().escalationMinimum().toPlainString());
    settings.put("maxCallAttempts", plan.settings().maxCallAttempts());
    settings.put("dunPenaltiesAlone", plan.settings().dunPenaltiesAlone());
    settings.put("groupByDebtor", plan.settings().groupByDebtor());

    ArrayNode steps = v.putArray("steps");
    for (Step s : plan.steps()) {
      ObjectNode step = steps.addObject();
      step.put("step", s.name());
      step.put("offsetDays", s.offsetDays());
      step.put("channel", s.channel().name());
      step.put("tone", s.tone().name());
      step.put("template", s.template());
      LocalDate nominal = facts.dueDate().plusDays(s.offsetDays());
      LocalDate scheduled = DunningDecider.scheduled(facts, s, calendar);
      step.put("scheduledOn", scheduled.toString());
      if (!scheduled.equals(nominal)) {
        step.put(
            "movedBecause",
            nominal
                + " is not a business day ("
                + calendar.closedBecause(nominal).orElse("")
                + ")");
      }
      Optional<DunningEvent.ReminderRequested> requested =
          c.requested().stream()
              .filter(r -> r.step().name().equals(s.name()))
              .reduce((first, retry) -> retry);
      Optional<DunningEvent.CallTaskOpened> call =
          c.callTasks().stream().filter(t -> t.step().name().equals(s.name())).findFirst();
      if (requested.isPresent()) {
        DunningEvent.ReminderRequested r = requested.get();
        step.put("state", "TAKEN");
        step.put("takenOn", r.requestedOn().toString());
        step.put("requestId", r.requestId().toString());
        if (r.step().channel() != s.channel()) {
          step.put("sentBy", r.step().channel().name());
        }
        if (r.responseDeadline() != null) {
          step.put("responseDeadline", r.responseDeadline().toString());
        }
        JsonNode proof =
            loaded.row().deliveries() == null
                ? null
                : loaded.row().deliveries().get(r.requestId().toString());
        step.set("proof", proof);
      } else if (call.isPresent()) {
        step.put("state", "TAKEN");
        step.put("takenOn", call.get().day().toString());
        ArrayNode attempts = step.putArray("calls");
        c.callTasks().stream()
            .filter(t -> t.step().name().equals(s.name()))
            .forEach(
                t -> {
                  ObjectNode a =
                      attempts
                          .addObject()
                          .put("taskId", t.taskId().toString())
                          .put("attempt", t.attempt())
                          .put("openedOn", t.day().toString())
                          .put("open", c.taskOpen(t.taskId()));
                  c.outcomes(t.taskId())
                      .forEach(
                          o ->
                              a.put("outcome", o.outcome().name())
                                  .put("recordedOn", o.day().toString())
                                  .put("by", o.actor()));
                });
      } else if (c.stepsSkipped().contains(s.name())) {
        step.put("state", "SKIPPED");
      } else {
        step.put("state", "PENDING");
      }
    }

    Optional<Hold> hold = DunningDecider.hold(c, today);
    if (hold.isPresent()) {
      ObjectNode h = v.putObject("hold");
      h.put("kind", hold.get().kind());
      h.put("reason", hold.get().reason());
      if (hold.get().until() != null) {
        h.put("until", hold.get().until().toString());
      }
    } else {
      v.putNull("hold");
    }
    ArrayNode disputes = v.putArray("disputes");
    facts
        .disputes()
        .forEach(
            d ->
                disputes
                    .addObject()
                    .put("disputeId", d.disputeId().toString())
                    .put("category", d.category())
                    .put("openedOn", d.openedOn().toString())
                    .put("resolvedOn", d.resolvedOn() == null ? null : d.resolvedOn().toString()));

    ObjectNode next = next(c, today, ctx);
    v.set("next", next);
    v.set("warnings", warnings);
    c.escalated().ifPresent(e -> v.put("escalatedOn", e.escalatedOn().toString()));
    v.put("explanation", explanation(c, plan, hold, next, today));

    ArrayNode history = v.putArray("history");
    for (CloudEvent e : loaded.stored()) {
      history
          .addObject()
          .put("type", e.type())
          .put("businessDate", e.businessdate())
          .put("eventId", e.id())
          .set("data", e.data());
    }
    return v;
  }

  /**
   * The next action and its date, found by running the decider forward over the coming days with
   * what is known today: a paused plan shows the step it will resume at, a step on a holiday its
   * next business day.
   */
  /** The next action, if nothing changes; none while the case's plan is not known here. */
  private static ObjectNode next(DunningCase c, LocalDate today, DayContext ctx) {
    try {
      return lookAheadAction(c, today, ctx);
    } catch (IllegalStateException unknownPlan) {
      return null;
    }
  }

  private static ObjectNode lookAheadAction(DunningCase c, LocalDate today, DayContext ctx) {
    return DunningDecider.lookAhead(
            c,
            today,
            ctx,
            e ->
                e instanceof DunningEvent.ReminderRequested
                    || e instanceof DunningEvent.CallTaskOpened
                    || e instanceof DunningEvent.CaseEscalated)
        .map(DunningResource::nextAction)
        .orElse(null);
  }

  private static ObjectNode nextAction(DunningDecider.Ahead ahead) {
    ObjectNode n = Json.object();
    List<String> skipped = new ArrayList<>();
    for (DunningEvent e : ahead.events()) {
      if (e instanceof DunningEvent.ReminderRequested r) {
        n.put("action", "REMINDER");
        n.put("step", r.step().name());
        n.put("channel", r.step().channel().name());
      } else if (e instanceof DunningEvent.CallTaskOpened t) {
        n.put("action", "CALL_TASK");
        n.put("step", t.step().name());
        n.put("channel", "PHONE_TASK");
        n.put("attempt", t.attempt());
      } else if (e instanceof DunningEvent.CaseEscalated) {
        n.put("action", "ESCALATION");
      } else if (e instanceof DunningEvent.StepsSkipped k) {
        skipped.addAll(k.steps());
      }
    }
    n.put("on", ahead.day().toString());
    if (!skipped.isEmpty()) {
      ArrayNode s = n.putArray("skipping");
      skipped.forEach(s::add);
    }
    return n;
  }

  private static String explanation(
      DunningCase c, DunningPlan plan, Optional<Hold> hold, ObjectNode next, LocalDate today) {
    if (c.escalated().isPresent()) {
      return "escalated: " + c.escalated().get().reason();
    }
    if (DunningDecider.paidUp(c.facts(), plan)) {
      return "principal paid in full: the plan stopped";
    }
    String held = hold.map(h -> "on hold (" + h.reason() + "); ").orElse("");
    if (next != null) {
      String what =
          "ESCALATION".equals(next.get("action").asText())
              ? "escalation"
              : "next step "
                  + next.get("step").asText()
                  + " ("
                  + next.get("channel").asText()
                  + ")";
      return held + what + " on " + next.get("on").asText() + " if nothing changes";
    }
    Optional<DunningEvent.ReminderRequested> notice =
        c.requested().stream().filter(r -> r.step().isFormalNotice()).reduce((a, b) -> b);
    if (notice.isPresent()) {
      Delivery delivery = c.delivery(notice.get().requestId()).orElse(null);
      if (delivery == Delivery.FAILED) {
        return held
            + "the formal notice could not be sent (see its proof): no escalation until a person"
            + " acts";
      }
      if (delivery == null) {
        return held + "escalation waits for the formal notice's proof of sending";
      }
      if (c.facts().outstanding().amount().compareTo(plan.settings().escalationMinimum()) <= 0) {
        return held
            + "the amount still due is not above the plan's escalation minimum of "
            + plan.settings().escalationMinimum().toPlainString();
      }
    }
    if (!plan.escalates()) {
      return held
          + "all steps taken; plan "
          + plan.id()
          + " has no formal notice and never escalates";
    }
    return held + "nothing is scheduled";
  }

  @GET
  @Path("/debtors/{debtorId}")
  @Operation(
      summary =
          "A debtor's standing: its credit hold (placed or lifted, and why) and the contacts"
              + " collectors flagged as wrong")
  @AuditedRead("debtor")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<JsonNode> debtor(@PathParam("debtorId") String debtorId) {
    String tenant = caller.tenant();
    return pool.withConnection(
        c ->
            c.preparedQuery(
                    "select (exists (select 1 from dunning_cases where tenant = $1"
                        + " and invoice->'debtor'->>'id' = $2)"
                        + " or exists (select 1 from credit_holds where tenant = $1 and debtor_id = $2))"
                        + " as known")
                .execute(Tuple.of(tenant, debtorId))
                .invoke(
                    known -> {
                      // another tenant's debtor and a debtor nobody invoiced look the same
                      if (!known.iterator().next().getBoolean("known")) {
                        throw org.relance.platform.http.ProblemException.notFound(
                            "no debtor " + debtorId + " among this tenant's invoices");
                      }
                    })
                .flatMap(
                    known ->
                        c.preparedQuery(
                                "select held, since, reasons from credit_holds where tenant = $1 and debtor_id = $2")
                            .execute(Tuple.of(tenant, debtorId)))
                .flatMap(
                    rows ->
                        tasks
                            .contactFlags(c, tenant, debtorId)
                            .map(
                                flags -> {
                                  ObjectNode v = Json.object();
                                  v.put("tenant", tenant);
                                  v.put("debtorId", debtorId);
                                  if (rows.size() == 0) {
                                    v.put("creditHold", false);
                                  } else {
                                    var r = rows.iterator().next();
                                    v.put("creditHold", r.getBoolean("held"));
                                    v.put("since", r.getLocalDate("since").toString());
                                    v.set("reasons", JsonColumns.read(r.getValue("reasons")));
                                  }
                                  ArrayNode f = v.putArray("wrongContacts");
                                  flags.forEach(f::add);
                                  return v;
                                })));
  }
}
